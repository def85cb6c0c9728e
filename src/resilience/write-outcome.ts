// Whether a write OSS may or may not have carried out is in place, judged from the state OSS lists. A
// write's outcome is unknown when OSS may have acted but its answer was lost (5xx, read timeout, a
// connection dropped after sending), or when a repeat was refused only because the first attempt had
// already changed the certificate (PreviousCertId no longer current, EC 0018-00000209).
import { X509Certificate } from 'node:crypto';
import { OssError, OssServiceError } from '../oss/errors.ts';
import { mayHaveApplied } from '../oss/retry.ts';
import type { CnameInfo, PutCnameInput } from '../oss/types.ts';

const PREVIOUS_CERT_ID_STALE = '0018-00000209';

export function outcomeUnknown(error: unknown, input?: PutCnameInput): boolean {
  if (!(error instanceof OssError)) return false;
  if (mayHaveApplied(error)) return true;
  return (
    input?.certificate?.previousCertId !== undefined &&
    error instanceof OssServiceError &&
    error.code === 'InvalidArgument' &&
    error.ec === PREVIOUS_CERT_ID_STALE
  );
}

export function findBinding(cnames: readonly CnameInfo[], domain: string): CnameInfo | undefined {
  const wanted = domain.toLowerCase();
  return cnames.find((info) => info.domain.toLowerCase() === wanted && !info.isWildcard);
}

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
