// ListCname's entry as the JSON callers read.
import { domainToUnicode } from 'node:url';
import type { CnameCertificate, CnameInfo, OssDate } from '../oss/types.ts';
import type { BindingView, CertificateView } from '../schemas/cname.ts';
import { cnameTarget } from './cname-target.ts';
import { bindingEtag } from './etag.ts';

export function bindingView(bucket: string, region: string, info: CnameInfo): BindingView {
  // OSS lists a wildcard binding (Agentic buckets only) by its base name plus IsWildCard.
  const prefix = info.isWildcard ? '*.' : '';
  return {
    bucket,
    domain: `${prefix}${info.domain}`,
    domainUnicode: `${prefix}${domainToUnicode(info.domain) || info.domain}`,
    status: info.status,
    lastModified: isoOf(info.lastModified),
    wildcard: info.isWildcard,
    certificate: info.certificate ? certificateView(info.certificate) : null,
    cnameTarget: cnameTarget(bucket, region),
    etag: bindingEtag(info),
  };
}

function certificateView(certificate: CnameCertificate): CertificateView {
  return {
    type: certificate.type,
    certId: certificate.certId,
    status: certificate.status,
    fingerprint: certificate.fingerprint,
    createdAt: isoOf(certificate.creationDate),
    validFrom: isoOf(certificate.validStartDate),
    validUntil: isoOf(certificate.validEndDate),
  };
}

/** OSS dates the client could not parse stay null rather than pass on an unknown format. */
export function isoOf(date: OssDate | undefined): string | null {
  return date?.iso ?? null;
}
