// ListCname's entry as the JSON callers read.
import { domainToUnicode } from 'node:url';
import type { CnameCertificate, CnameInfo, OssDate } from '../../oss/index.ts';
import type { BindingView, CertificateView } from '../../schemas/cname.ts';
import { cnameTarget } from '../domain-dns/index.ts';
import { bindingEtag } from './etag.ts';

export function bindingView(bucket: string, region: string, info: CnameInfo): BindingView {
  // OSS lists a wildcard binding (Agentic buckets only) by its base name plus IsWildCard.
  const prefix = info.isWildcard ? '*.' : '';
  return {
    bucket,
    domain: `${prefix}${info.domain}`,
    domainUnicode: `${prefix}${unicodeOf(info.domain)}`,
    status: info.status,
    lastModified: isoOf(info.lastModified),
    wildcard: info.isWildcard,
    certificate: info.certificate ? certificateView(info.certificate) : null,
    cnameTarget: cnameTarget(bucket, region),
    etag: bindingEtag(info),
  };
}

// A plain ASCII host name is its own Unicode form, and asking node:url for each name of a 100-domain list
// was a tenth of the service's time for the list. Only names with a punycode label, or whose last label URL
// parsing would read as an IPv4 number, still go through domainToUnicode.
const PLAIN_ASCII = /^[a-z0-9.-]*$/;
const NUMERIC_LAST_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/;

function unicodeOf(domain: string): string {
  if (PLAIN_ASCII.test(domain) && !domain.includes('xn--') && !NUMERIC_LAST_LABEL.test(domain)) return domain;
  return domainToUnicode(domain) || domain;
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
