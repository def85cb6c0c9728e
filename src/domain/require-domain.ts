// Route-facing form of parseDomain: the normalised name, or a problem naming the exact rule broken.
import { problem } from '../errors/problem.ts';
import { parseDomain } from './domain-name.ts';

export interface NormalizedDomain {
  /** Lower-case ASCII (punycode), no trailing dot: the form OSS stores and DNS answers for. */
  domain: string;
  /** The same name in Unicode, for display. */
  unicode: string;
}

export function requireDomain(input: string): NormalizedDomain {
  const result = parseDomain(input);
  if (result.ok) return { domain: result.domain, unicode: result.unicode };
  throw problem(result.code, `"${input}" cannot be used: ${result.reason}.`, {
    extensions: { domain: input, reason: result.reason },
  });
}
