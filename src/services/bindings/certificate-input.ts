// Turns the caller's certificate into what PutCname sends, after src/certs checked it: problems with the
// material are answered here, before any OSS request. Warnings travel on, for the answer.
import {
  type CertInfo,
  type CertIssue,
  certIdProblem,
  certificateProblem,
  checkUploadedCertificate,
  normalizeCertId,
} from '../../certs/index.ts';
import type { PutBindingInput } from '../../schemas/cname.ts';

export type RequestedCertificate =
  | { kind: 'cas'; certId: string; warnings: CertIssue[] }
  | {
      kind: 'upload';
      certificatePem: string;
      privateKeyPem: string;
      fingerprint: string;
      info: CertInfo;
      warnings: CertIssue[];
    };

export interface CertificateContext {
  domain: string;
  now: Date;
  /** Completes a bare numeric certId; the deployment's SSL Certificates Service region. */
  defaultCertRegion?: string | undefined;
}

export function requestedCertificate(
  input: PutBindingInput['certificate'],
  context: CertificateContext,
): RequestedCertificate | undefined {
  if (input === undefined) return undefined;
  if ('certId' in input) {
    const result = normalizeCertId(input.certId, { defaultCertRegion: context.defaultCertRegion });
    const problem = certIdProblem(result);
    if (problem || !result.ok) throw problem;
    return { kind: 'cas', certId: result.certId, warnings: result.warnings };
  }
  const checked = checkUploadedCertificate({
    certificatePem: input.certificate,
    privateKeyPem: input.privateKey,
    domain: context.domain,
    now: context.now,
  });
  const problem = certificateProblem(checked);
  if (problem) throw problem;
  if (!checked.normalized || !checked.info) throw new Error('certificate check passed without a result');
  return {
    kind: 'upload',
    certificatePem: checked.normalized.certificatePem,
    privateKeyPem: checked.normalized.privateKeyPem,
    fingerprint: checked.info.fingerprintSha1,
    info: checked.info,
    warnings: checked.warnings,
  };
}
