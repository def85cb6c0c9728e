// Turns the certificate field into X509Certificate objects, or into the one issue that says why not.
import { X509Certificate } from 'node:crypto';
import { certIssue } from './issues.ts';
import { MAX_CERTIFICATE_PEM_BYTES, MAX_CHAIN_LENGTH } from './limits.ts';
import { reason } from './openssl-reason.ts';
import { pemFieldIssue, scanPem } from './pem.ts';
import type { CertIssue } from './types.ts';

export type ParsedCertificates =
  | { ok: true; certificates: X509Certificate[] }
  | { ok: false; issue: CertIssue };

const KEYISH_LABELS = /PRIVATE KEY|PUBLIC KEY|CERTIFICATE REQUEST|PARAMETERS/;

export function parseCertificates(pem: string): ParsedCertificates {
  const unusable = pemFieldIssue(pem, MAX_CERTIFICATE_PEM_BYTES, 'certificate');
  if (unusable) return fail(unusable);
  const scan = scanPem(pem, MAX_CHAIN_LENGTH);
  if (scan.truncated) {
    return fail(
      certIssue(
        'certificate-chain-too-long',
        `The certificate field holds more than ${MAX_CHAIN_LENGTH} PEM blocks; at most ${MAX_CHAIN_LENGTH} certificates are accepted.`,
      ),
    );
  }
  const foreign = scan.blocks.find((block) => block.label !== 'CERTIFICATE');
  if (foreign) {
    const what = KEYISH_LABELS.test(foreign.label)
      ? 'a key, not a certificate'
      : foreign.label.includes('CERTIFICATE')
        ? 'not a plain X.509 certificate (re-export it with `openssl x509 -in in.pem -out cert.pem`)'
        : 'not a certificate';
    return fail(
      certIssue(
        'certificate-not-a-certificate',
        `The certificate field holds a "${foreign.label}" PEM block, which is ${what}.`,
      ),
    );
  }
  if (scan.damage !== undefined)
    return fail(certIssue('certificate-unparseable', `Damaged PEM: ${scan.damage}.`));
  if (scan.blocks.length === 0) {
    return fail(certIssue('certificate-unparseable', 'No -----BEGIN CERTIFICATE----- block was found.'));
  }
  const certificates: X509Certificate[] = [];
  for (const [index, block] of scan.blocks.entries()) {
    const position = `Certificate #${index + 1}`;
    if (block.problem !== undefined)
      return fail(certIssue('certificate-unparseable', `${position}: ${block.problem}.`));
    try {
      certificates.push(new X509Certificate(block.der));
    } catch (error) {
      return fail(
        certIssue(
          'certificate-unparseable',
          `${position} is not a valid X.509 certificate (${reason(error)}).`,
        ),
      );
    }
  }
  return { ok: true, certificates };
}

function fail(issue: CertIssue): ParsedCertificates {
  return { ok: false, issue };
}
