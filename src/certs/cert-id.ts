// CertId rules. OSS wants `<numeric id>-<certificate region>`, where the region is where the certificate
// lives in SSL Certificates Service (CAS): cn-hangzhou for China-site accounts, ap-southeast-1 for the
// international site (eu-central-1 also exists). It is NOT the bucket's region, so a bare id is completed
// with the deployment's certificate region (default cn-hangzhou, CAS's own default), never the bucket's.
import { certIssue } from './issues.ts';
import type { CertIssue } from './types.ts';

/** Regions SSL Certificates Service serves SSL certificates from. */
export const CERT_REGIONS: readonly string[] = ['cn-hangzhou', 'ap-southeast-1', 'eu-central-1'];
export const DEFAULT_CERT_REGION = 'cn-hangzhou';
/** OSS EC 0018-00000206: CertId must be shorter than 64 bytes. */
export const MAX_CERT_ID_BYTES = 63;

export interface CertIdOptions {
  /** The bucket's region (`cn-beijing` or `oss-cn-beijing`); only used to explain a wrong suffix. */
  bucketRegion?: string | undefined;
  /** Completes a bare numeric id; set it to this deployment's CAS region. Default cn-hangzhou. */
  defaultCertRegion?: string | undefined;
}

export type CertIdResult =
  | { ok: true; certId: string; assumedRegion: boolean; warnings: CertIssue[] }
  | { ok: false; code: 'invalid-cert-id'; detail: string; fix: string };

const NUMERIC_ID = /^[1-9][0-9]{0,18}$/;
const REGION = /^[a-z]{2,}(?:-[a-z0-9]+){1,3}$/;
const BARE = /^[0-9]+$/;
const WITH_SUFFIX = /^([0-9]+)-([A-Za-z0-9-]+)$/;
const CAS_ENDPOINT = /^([0-9]+)-cas(?:-vpc)?(?:\.([a-z0-9-]+))?\.aliyuncs\.com$/i;
const EXAMPLE = '19580016-cn-hangzhou';

export function normalizeCertId(input: unknown, options: CertIdOptions = {}): CertIdResult {
  if (typeof input !== 'string')
    return refuse('CertId must be a string.', `Send it as text, e.g. "${EXAMPLE}".`);
  const id = input.trim();
  if (id === '') return refuse('CertId is empty.', formFix());
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > MAX_CERT_ID_BYTES) {
    return refuse(`CertId is ${bytes} bytes; OSS accepts at most ${MAX_CERT_ID_BYTES}.`, formFix());
  }
  if (id.includes('*')) {
    return refuse(`"${id}" is masked (as in documentation samples and console lists).`, formFix());
  }
  if (/\s/.test(id)) {
    const compact = id.replace(/\s+/g, '');
    const retry = normalizeCertId(compact, options);
    const fix = retry.ok ? `Send "${retry.certId}" (no spaces).` : formFix();
    return refuse(`"${id}" contains whitespace.`, fix);
  }
  const endpoint = CAS_ENDPOINT.exec(id);
  if (endpoint) {
    const region = endpoint[2]?.toLowerCase() ?? DEFAULT_CERT_REGION;
    return refuse(
      `"${id}" ends in the SSL Certificates Service endpoint, not in a region.`,
      `Send "${endpoint[1]}-${region}".`,
    );
  }
  if (/^cas-/i.test(id)) {
    return refuse(`"${id}" looks like a certificate order (instance) id, not a certificate id.`, formFix());
  }
  if (BARE.test(id)) return completeBareId(id, options);
  const parts = WITH_SUFFIX.exec(id);
  if (!parts) return refuse(`"${id}" is not of the form <numeric id>-<region>.`, formFix());
  const [, number = '', rawRegion = ''] = parts;
  if (!NUMERIC_ID.test(number)) return badNumber(number);
  const region = rawRegion.toLowerCase();
  if (region.startsWith('oss-')) {
    return refuse(
      `"${id}" uses the OSS-style region "${region}".`,
      `Send "${number}-${region.slice(4)}" (region without the oss- prefix).`,
    );
  }
  if (!REGION.test(region)) return refuse(`"${region}" is not a region id.`, formFix());
  const certId = `${number}-${region}`;
  return { ok: true, certId, assumedRegion: false, warnings: unusualRegion(certId, region, options) };
}

function completeBareId(id: string, options: CertIdOptions): CertIdResult {
  if (!NUMERIC_ID.test(id)) return badNumber(id);
  const region = (options.defaultCertRegion ?? DEFAULT_CERT_REGION).replace(/^oss-/, '');
  if (!REGION.test(region))
    throw new TypeError(`normalizeCertId: defaultCertRegion "${region}" is not a region id`);
  const certId = `${id}-${region}`;
  const detail = `"${id}" has no region; sent as "${certId}" (the certificate region this service is configured with).`;
  return { ok: true, certId, assumedRegion: true, warnings: [certIssue('cert-id-region-assumed', detail)] };
}

function unusualRegion(certId: string, region: string, options: CertIdOptions): CertIssue[] {
  if (CERT_REGIONS.includes(region)) return [];
  const bucketRegion = options.bucketRegion?.replace(/^oss-/, '');
  const why =
    region === bucketRegion
      ? `"${region}" is the bucket's region, but the suffix names where the certificate lives in SSL Certificates Service`
      : `SSL Certificates Service keeps certificates in ${CERT_REGIONS.join(', ')}, not in "${region}"`;
  return [
    certIssue(
      'cert-id-region-unusual',
      `"${certId}": ${why}; OSS will answer CertificateInvalidCasId if it is wrong.`,
    ),
  ];
}

function badNumber(number: string): CertIdResult {
  return refuse(
    `"${number}" is not a certificate id: ids are positive integers of at most 19 digits.`,
    formFix(),
  );
}

function formFix(): string {
  return `Send CertId as <numeric id>-<certificate region>, e.g. "${EXAMPLE}" (China site) or "19580016-ap-southeast-1" (international site).`;
}

function refuse(detail: string, fix: string): CertIdResult {
  return { ok: false, code: 'invalid-cert-id', detail, fix };
}
