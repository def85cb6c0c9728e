// Browsers refuse certificates signed with MD5 or SHA-1. A self-signed root's own signature is never
// checked by a client, so only certificates signed by someone else are judged.
import type { X509Certificate } from 'node:crypto';
import { isSelfSigned } from './chain-order.ts';
import { certIssue } from './issues.ts';
import type { CertIssue } from './types.ts';

const WEAK_DIGEST = /md2|md4|md5|sha1(?![0-9])|sha-1(?![0-9])/i;

export function signatureIssue(certificate: X509Certificate, who: string): CertIssue | undefined {
  const algorithm = certificate.signatureAlgorithm ?? certificate.signatureAlgorithmOid ?? '';
  if (!WEAK_DIGEST.test(algorithm) || isSelfSigned(certificate)) return undefined;
  return certIssue('certificate-weak-signature', `Certificate ${who} is signed with ${algorithm}.`);
}
