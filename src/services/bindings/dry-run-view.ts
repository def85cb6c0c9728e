// What a dry run shows of the OSS requests it did not send: every flag as it would travel, the PEM
// summarised by its fingerprint and the private key never shown.
import type { CnameInfo, PutCnameInput } from '../../oss/index.ts';
import type { CertificatePreviewView, DryRunView, OssCallPreviewView } from '../../schemas/dry-run.ts';
import { bindingView } from './binding-view.ts';
import type { RequestedCertificate } from './certificate-input.ts';

/** What a dry run is about: the binding as read, and the certificate as checked. */
export interface DryRunSubject {
  bucket: string;
  domain: string;
  region: string;
  current: CnameInfo | undefined;
  certificate?: RequestedCertificate | undefined;
}

/** A dry run's answer; `extra` adds the calls it would make, the pre-flight and the token. */
export function dryRunAnswer(
  subject: DryRunSubject,
  action: DryRunView['action'],
  expectedStatus: number,
  summary: string,
  extra: Partial<Pick<DryRunView, 'wouldCall' | 'preflight' | 'token'>> = {},
): DryRunView {
  const { bucket, domain, region, current } = subject;
  return {
    dryRun: true,
    action,
    bucket,
    domain,
    region,
    expectedStatus,
    summary,
    wouldCall: extra.wouldCall ?? [],
    current: current ? bindingView(bucket, region, current) : null,
    token: extra.token ?? null,
    preflight: extra.preflight ?? null,
    certificate: certificatePreview(subject.certificate),
  };
}

export const REDACTED = '[redacted]' as const;

export function putCnamePreview(
  input: PutCnameInput,
  region: string,
  requested: RequestedCertificate | undefined,
): OssCallPreviewView {
  const call: OssCallPreviewView = {
    operation: 'PutCname',
    bucket: input.bucket,
    domain: input.domain,
    region,
  };
  const config = input.certificate;
  if (config === undefined) return call;
  const upload = requested?.kind === 'upload' ? requested : undefined;
  const shown: NonNullable<OssCallPreviewView['certificateConfiguration']> = {};
  if (config.certId !== undefined) shown.certId = config.certId;
  if (config.certificate !== undefined) {
    shown.certificate = upload
      ? `PEM, ${upload.info.chainLength} certificate(s), leaf SHA-1 ${upload.fingerprint}`
      : 'PEM';
  }
  if (config.privateKey !== undefined) shown.privateKey = REDACTED;
  if (config.previousCertId !== undefined) shown.previousCertId = config.previousCertId;
  if (config.force !== undefined) shown.force = config.force;
  if (config.deleteCertificate !== undefined) shown.deleteCertificate = config.deleteCertificate;
  call.certificateConfiguration = shown;
  return call;
}

export function simpleCallPreview(
  operation: 'CreateCnameToken' | 'DeleteCname',
  bucket: string,
  domain: string,
  region: string,
): OssCallPreviewView {
  return { operation, bucket, domain, region };
}

export function certificatePreview(
  requested: RequestedCertificate | undefined,
): CertificatePreviewView | null {
  if (requested === undefined) return null;
  if (requested.kind === 'cas') {
    return {
      source: 'cas',
      certId: requested.certId,
      fingerprint: null,
      subject: null,
      dnsNames: [],
      validFrom: null,
      validUntil: null,
      chainLength: null,
      warnings: requested.warnings,
    };
  }
  const { info } = requested;
  return {
    source: 'upload',
    certId: null,
    fingerprint: requested.fingerprint,
    subject: info.subject,
    dnsNames: info.sans,
    validFrom: info.validFrom,
    validUntil: info.validTo,
    chainLength: info.chainLength,
    warnings: requested.warnings,
  };
}
