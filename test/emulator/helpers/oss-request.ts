// A small OSS client for emulator tests, built on src/oss/signer (as the brief asks until the real
// client lands): signs like the SDKs (Content-Type and Content-MD5 always, V4 by default) and sends over
// real HTTP with undici, path-style or virtual-hosted.

import { createHash } from 'node:crypto';
import { request } from 'undici';
import {
  encodePath,
  presignV1,
  presignV4,
  type SignableRequest,
  type SigningCredentials,
  serializeQuery,
  signV1,
  signV4,
} from '../../../src/oss/signer/index.ts';
import { xmlText } from './xml.ts';

export type Scheme = 'v4' | 'v1' | 'v4-query' | 'v1-query' | 'none';

export interface OssCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Omitted for service-level requests. */
  bucket?: string;
  /** Object key (the emulator implements no object operations; for routing and signing tests). */
  key?: string;
  query?: Array<[string, string]>;
  body?: string;
  headers?: Record<string, string>;
  credentials?: SigningCredentials;
  /** General region for V4 scopes and virtual-hosted hosts; default cn-hangzhou. */
  region?: string;
  scheme?: Scheme;
  /**
   * 'path' (default): /<bucket>/ on the IP host; 'virtual': Host <bucket>.oss-<region>.aliyuncs.com;
   * 'cname': path / with `host` naming a bound domain.
   */
  style?: 'path' | 'virtual' | 'cname';
  /** Overrides the Host header entirely. */
  host?: string;
  signingTime?: Date;
  /** V4 AdditionalHeaders to sign (e.g. ['host']); set those headers through `headers`. */
  additionalHeaders?: string[];
  /** Changes the request after signing, to produce tampered or incomplete requests. */
  tamper?: (headers: Record<string, string>, query: Array<[string, string]>) => void;
}

export interface OssAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** `Error/Code` of an error body. */
  code: string | undefined;
  /** `Error/EC`. */
  ec: string | undefined;
}

const CNAME_SUB_RESOURCES = ['cname', 'comp'];

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function sign(
  call: OssCall,
  now: Date,
): { headers: Record<string, string>; query: Array<[string, string]> } {
  const body = call.body ?? '';
  const headers: Record<string, string> = {
    'Content-Type': 'application/xml',
    'Content-MD5': createHash('md5').update(body).digest('base64'),
    ...call.headers,
  };
  const req: SignableRequest = {
    method: call.method,
    bucket: call.bucket,
    key: call.key,
    query: call.query ?? [],
    headers,
  };
  const creds = call.credentials;
  const region = call.region ?? 'cn-hangzhou';
  const scheme = call.scheme ?? 'v4';
  const signingTime = call.signingTime ?? now;
  let query: Array<[string, string]> = [...(call.query ?? [])];
  if (creds && scheme === 'v4') {
    signV4(req, creds, { region, signingTime, additionalHeaders: call.additionalHeaders });
  }
  if (creds && scheme === 'v1') signV1(req, creds, { signingTime, subResources: CNAME_SUB_RESOURCES });
  if (creds && scheme === 'v4-query') {
    query = presignV4(req, creds, {
      region,
      signingTime,
      expiresSeconds: 900,
      additionalHeaders: call.additionalHeaders,
    }).query as Array<[string, string]>;
  }
  if (creds && scheme === 'v1-query') {
    const expires = new Date(signingTime.getTime() + 900_000);
    query = presignV1(req, creds, { expires, subResources: CNAME_SUB_RESOURCES }).query as Array<
      [string, string]
    >;
  }
  call.tamper?.(headers, query);
  return { headers, query };
}

/** Sends one call to an emulator at `baseUrl`; `now` is the signing time unless the call fixes one. */
export async function send(baseUrl: string, call: OssCall, now = new Date()): Promise<OssAnswer> {
  const { headers, query } = sign(call, now);
  const region = call.region ?? 'cn-hangzhou';
  const virtual = call.style === 'virtual' && call.bucket !== undefined;
  const base = call.bucket === undefined || virtual || call.style === 'cname' ? '/' : `/${call.bucket}/`;
  const path = call.key === undefined ? base : `${base}${encodePath(call.key)}`;
  if (virtual) headers.Host = `${call.bucket}.oss-${region}.aliyuncs.com`;
  if (call.host !== undefined) headers.Host = call.host;
  const qs = serializeQuery(query);
  const res = await request(`${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
    method: call.method,
    headers,
    body: call.body,
  });
  const body = await res.body.text();
  const isError = res.statusCode >= 300 && body.includes('<Error>');
  return {
    status: res.statusCode,
    headers: flattenHeaders(res.headers),
    body,
    code: isError ? xmlText(body, 'Error/Code') : undefined,
    ec: isError ? xmlText(body, 'Error/EC') : undefined,
  };
}

export function cnameBody(domain: string, certificate?: string): string {
  const cert =
    certificate === undefined ? '' : `<CertificateConfiguration>${certificate}</CertificateConfiguration>`;
  return `<BucketCnameConfiguration><Cname><Domain>${domain}</Domain>${cert}</Cname></BucketCnameConfiguration>`;
}

/** The CNAME operations with SDK-shaped requests; every call can be adjusted through `extra`. */
export function cnameOps(
  baseUrl: string,
  defaults: Partial<OssCall> & { bucket: string },
  clock?: () => number,
) {
  const go = (call: OssCall) => send(baseUrl, call, clock ? new Date(clock()) : new Date());
  return {
    createToken: (domain: string, extra: Partial<OssCall> = {}) =>
      go({
        ...defaults,
        method: 'POST',
        query: [
          ['cname', ''],
          ['comp', 'token'],
        ],
        body: cnameBody(domain),
        ...extra,
      }),
    getToken: (domain: string, extra: Partial<OssCall> = {}) =>
      go({
        ...defaults,
        method: 'GET',
        query: [
          ['comp', 'token'],
          ['cname', domain],
        ],
        ...extra,
      }),
    put: (domain: string, certificateXml?: string, extra: Partial<OssCall> = {}) =>
      go({
        ...defaults,
        method: 'POST',
        query: [
          ['cname', ''],
          ['comp', 'add'],
        ],
        body: cnameBody(domain, certificateXml),
        ...extra,
      }),
    list: (extra: Partial<OssCall> = {}) =>
      go({ ...defaults, method: 'GET', query: [['cname', '']], ...extra }),
    remove: (domain: string, extra: Partial<OssCall> = {}) =>
      go({
        ...defaults,
        method: 'POST',
        query: [
          ['cname', ''],
          ['comp', 'delete'],
        ],
        body: cnameBody(domain),
        ...extra,
      }),
    location: (extra: Partial<OssCall> = {}) =>
      go({ ...defaults, method: 'GET', query: [['location', '']], ...extra }),
    info: (extra: Partial<OssCall> = {}) =>
      go({ ...defaults, method: 'GET', query: [['bucketInfo', '']], ...extra }),
  };
}

export type CnameOps = ReturnType<typeof cnameOps>;
