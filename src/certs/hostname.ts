// Does the leaf cover the domain? RFC 6125 as OpenSSL implements it (x509.checkHost): DNS names of the
// subjectAltName, the subject CN only when there is no DNS name; `*` only as the whole left-most label,
// matching exactly one label (not the apex, not two labels), never `f*.example.com`.
import type { X509Certificate } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { certIssue } from './issues.ts';
import { dnsNames } from './subject-alt-names.ts';
import type { CertIssue } from './types.ts';

const CHECK_HOST_OPTIONS = {
  subject: 'default',
  wildcards: true,
  partialWildcards: false,
  multiLabelWildcards: false,
  singleLabelSubdomains: false,
} as const;

/** Lower-case A-label form (punycode for IDNs) without a trailing dot; '' when it is no host name. */
export function asciiDomain(domain: string): string {
  const trimmed = domain.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253) return '';
  // `*` is only meaningful as a whole leading label (a wildcard binding); anywhere else it is no host.
  const rest = trimmed.startsWith('*.') ? trimmed.slice(2) : trimmed;
  if (rest.includes('*')) return '';
  const ascii = domainToASCII(rest);
  return ascii === '' ? '' : trimmed === rest ? ascii : `*.${ascii}`;
}

/** The names the certificate offers for matching, as the mismatch detail lists them. */
function presentedNames(certificate: X509Certificate): string[] {
  const sans = dnsNames(certificate.subjectAltName);
  if (sans.length > 0) return sans;
  const cn = certificate.subject
    .split('\n')
    .filter((part) => part.startsWith('CN='))
    .map((part) => part.slice(3));
  return cn;
}

export function coversDomain(certificate: X509Certificate, domain: string): boolean {
  const ascii = asciiDomain(domain);
  if (ascii === '') return false;
  // A wildcard binding (`*.example.com`) is only served safely by the same wildcard in the certificate.
  if (ascii.startsWith('*.')) return presentedNames(certificate).some((name) => name.toLowerCase() === ascii);
  try {
    return certificate.checkHost(ascii, CHECK_HOST_OPTIONS) !== undefined;
  } catch {
    return false;
  }
}

export function hostnameIssue(certificate: X509Certificate, domain: string): CertIssue | undefined {
  if (coversDomain(certificate, domain)) return undefined;
  const ascii = asciiDomain(domain);
  const names = presentedNames(certificate);
  const offered = names.length === 0 ? 'no DNS names at all' : names.join(', ');
  const shown =
    ascii === '' ? `"${domain}" (not a valid host name)` : ascii === domain ? ascii : `${domain} (${ascii})`;
  return certIssue(
    'certificate-hostname-mismatch',
    `The certificate does not cover ${shown}; it covers ${offered}.`,
  );
}
