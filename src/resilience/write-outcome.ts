// Whether a write OSS may or may not have carried out (src/oss/outcome.ts says when that is unknown) is
// in place, judged from the state OSS lists.
import { X509Certificate } from 'node:crypto';
import type { CnameInfo, PutCnameInput } from '../oss/index.ts';

/** The listed binding is what the PutCname asked for: bound, with exactly the requested certificate. */
export function putLanded(input: PutCnameInput, binding: CnameInfo | undefined): boolean {
  if (binding === undefined) return false;
  const asked = input.certificate;
  if (asked === undefined) return true;
  const bound = binding.certificate;
  if (asked.deleteCertificate === true) return bound === undefined;
  if (asked.certId !== undefined) return bound?.certId === asked.certId;
  if (asked.certificate !== undefined) {
    const wanted = fingerprintOf(asked.certificate);
    return wanted !== undefined && bound !== undefined && hex(bound.fingerprint) === wanted;
  }
  return true;
}

function fingerprintOf(pem: string): string | undefined {
  try {
    // The leaf comes first; its SHA-1 fingerprint is what OSS lists.
    return hex(new X509Certificate(pem).fingerprint);
  } catch {
    return undefined;
  }
}

function hex(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}
