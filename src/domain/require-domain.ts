// Route-facing form of parseDomain: the normalised name, or a problem naming the exact rule broken.
import { ProblemError } from '../errors/problem.ts';
import { type DomainRejection, parseDomain } from './domain-name.ts';

export interface NormalizedDomain {
  /** Lower-case ASCII (punycode), no trailing dot: the form OSS stores and DNS answers for. */
  domain: string;
  /** The same name in Unicode, for display. */
  unicode: string;
}

const STATUS: Record<DomainRejection, { status: number; title: string }> = {
  'invalid-domain': { status: 400, title: 'Invalid domain name' },
  'ip-address-not-allowed': { status: 400, title: 'IP addresses cannot be bound' },
  'wildcard-not-supported': { status: 422, title: 'Wildcard domains are not supported' },
  'domain-forbidden': { status: 422, title: 'Domain not allowed' },
};

export function requireDomain(input: string): NormalizedDomain {
  const result = parseDomain(input);
  if (result.ok) return { domain: result.domain, unicode: result.unicode };
  const { status, title } = STATUS[result.code];
  throw new ProblemError({
    status,
    code: result.code,
    title,
    detail: `"${input}" cannot be used: ${result.reason}.`,
    extensions: { domain: input, reason: result.reason },
  });
}
