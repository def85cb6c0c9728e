// How certificates are named in issue details: position in the chain as sent, plus a readable name.
import type { X509Certificate } from 'node:crypto';

/** `CN=a, O=b` from node's one-attribute-per-line form. */
export function distinguishedName(multiline: string): string {
  return multiline
    .split('\n')
    .filter((part) => part !== '')
    .join(', ');
}

/** `#2 (CN=Example Intermediate)`; `index` is zero-based, the text one-based as users count. */
export function describeCertificate(certificate: X509Certificate, index: number): string {
  const subject = distinguishedName(certificate.subject);
  return `#${index + 1} (${subject === '' ? 'empty subject' : subject})`;
}
