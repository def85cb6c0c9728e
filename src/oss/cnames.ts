// Reading a ListCname answer: the one place a domain's exact binding is picked out of it.
import type { CnameInfo } from './types.ts';

/** The exact (non-wildcard) binding of `domain` among `cnames`, compared without regard to case. */
export function findBinding(cnames: readonly CnameInfo[], domain: string): CnameInfo | undefined {
  const wanted = domain.toLowerCase();
  return cnames.find((info) => info.domain.toLowerCase() === wanted && !info.isWildcard);
}
