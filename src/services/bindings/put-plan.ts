// Decides what a PUT of a binding sends to OSS, from the state just read. Pure, so every rule is tested
// without OSS: an unchanged binding is not re-put; a certificate change always carries PreviousCertId
// (the id just read) or Force, so OSS itself refuses a change that raced with another one.
import type { CertificateConfigurationInput, CnameInfo } from '../../oss/index.ts';
import type { RequestedCertificate } from './certificate-input.ts';

export interface PutRequest {
  certificate: RequestedCertificate | undefined;
  /** Caller asked to replace whatever certificate is bound. */
  force: boolean;
}

export type PutPlan =
  /** The binding already is as asked. */
  | { call: false; current: CnameInfo }
  | { call: true; created: boolean; certificate: CertificateConfigurationInput | undefined };

export function planPut(current: CnameInfo | undefined, request: PutRequest): PutPlan {
  const wanted = request.certificate;
  if (current !== undefined && (wanted === undefined || sameCertificate(current, wanted))) {
    return { call: false, current };
  }
  if (wanted === undefined) return { call: true, created: true, certificate: undefined };
  const previousCertId = current?.certificate?.certId || undefined;
  return {
    call: true,
    created: current === undefined,
    certificate: {
      ...(wanted.kind === 'cas'
        ? { certId: wanted.certId }
        : { certificate: wanted.certificatePem, privateKey: wanted.privateKeyPem }),
      previousCertId,
      // With nothing bound there is nothing to compare against; OSS then needs Force to attach one.
      force: request.force || previousCertId === undefined ? true : undefined,
    },
  };
}

/** Whether the certificate bound in `current` is the one `wanted` describes. */
export function sameCertificate(current: CnameInfo, wanted: RequestedCertificate): boolean {
  const bound = current.certificate;
  if (!bound) return false;
  if (wanted.kind === 'cas') return bound.certId === wanted.certId;
  return bound.fingerprint !== '' && hexOf(bound.fingerprint) === hexOf(wanted.fingerprint);
}

function hexOf(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}
