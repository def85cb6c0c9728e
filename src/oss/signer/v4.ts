import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import {
  additionalHeadersV4,
  canonicalRequestV4,
  lowerHeaders,
  type QueryPairs,
  UNSIGNED_PAYLOAD,
} from './canonical.ts';
import type { SigningCredentials } from './credentials.ts';
import { authorizationFields, setHeader } from './headers.ts';
import { isoBasic, rfc1123 } from './time.ts';

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const V4_TERMINATOR = 'aliyun_v4_request';
export const DEFAULT_PRODUCT = 'oss';

/** The parts of an HTTP request a signature covers. `headers` is mutated by header-mode signing. */
export interface SignableRequest {
  method: string;
  bucket?: string | undefined;
  key?: string | undefined;
  query: QueryPairs;
  headers: Record<string, string>;
}

export interface V4SignOptions {
  /** General region id (`cn-hangzhou`), not the `oss-` flavoured one. */
  region: string;
  product?: string | undefined;
  signingTime: Date;
  additionalHeaders?: readonly string[] | undefined;
}

export interface SignatureTrace {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

// Deriving the key costs four HMACs and it only changes per (secret, day, region, product). The KeyObject is
// cached beside the bytes: an HMAC keyed with a raw Buffer re-imports the key on every call (≈6× slower).
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, { bytes: Buffer; key: KeyObject }>();

function cachedSigningKey(secret: string, date: string, region: string, product: string) {
  const cacheKey = `${date}\n${region}\n${product}\n${secret}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const k1 = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  const k2 = createHmac('sha256', k1).update(region).digest();
  const k3 = createHmac('sha256', k2).update(product).digest();
  const bytes = createHmac('sha256', k3).update(V4_TERMINATOR).digest();
  if (keyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = keyCache.keys().next().value;
    if (oldest !== undefined) keyCache.delete(oldest);
  }
  const entry = { bytes, key: createSecretKey(bytes) };
  keyCache.set(cacheKey, entry);
  return entry;
}

/** The derived V4 signing key bytes (the value the official vectors list). */
export function signingKeyV4(secret: string, date: string, region: string, product: string): Buffer {
  return cachedSigningKey(secret, date, region, product).bytes;
}

/** The derived V4 signing key as a cached KeyObject, the fast form for {@link signatureV4}. */
export function signingKeyObjectV4(secret: string, date: string, region: string, product: string): KeyObject {
  return cachedSigningKey(secret, date, region, product).key;
}

export function scopeV4(date: string, region: string, product: string): string {
  return `${date}/${region}/${product}/${V4_TERMINATOR}`;
}

export function stringToSignV4(datetime: string, scope: string, canonicalRequest: string): string {
  const hash = createHash('sha256').update(canonicalRequest).digest('hex');
  return `${V4_ALGORITHM}\n${datetime}\n${scope}\n${hash}`;
}

export function signatureV4(signingKey: Buffer | KeyObject, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

function trace(
  req: SignableRequest,
  query: QueryPairs,
  additional: readonly string[],
  creds: SigningCredentials,
  datetime: string,
  region: string,
  product: string,
): SignatureTrace {
  const date = datetime.slice(0, 8);
  const canonicalRequest = canonicalRequestV4({
    method: req.method,
    bucket: req.bucket,
    key: req.key,
    query,
    headers: lowerHeaders(req.headers),
    additionalHeaders: additional,
  });
  const stringToSign = stringToSignV4(datetime, scopeV4(date, region, product), canonicalRequest);
  const signature = signatureV4(
    signingKeyObjectV4(creds.accessKeySecret, date, region, product),
    stringToSign,
  );
  return { canonicalRequest, stringToSign, signature };
}

/**
 * Header-mode signing: sets `x-oss-date`, `Date`, `x-oss-content-sha256`, `x-oss-security-token` (when
 * a token exists) and `Authorization` on `req.headers`.
 */
export function signV4(req: SignableRequest, creds: SigningCredentials, opts: V4SignOptions): SignatureTrace {
  const product = opts.product ?? DEFAULT_PRODUCT;
  const datetime = isoBasic(opts.signingTime);
  setHeader(req.headers, 'x-oss-date', datetime);
  setHeader(req.headers, 'Date', rfc1123(opts.signingTime));
  setHeader(req.headers, 'x-oss-content-sha256', UNSIGNED_PAYLOAD);
  if (creds.securityToken) setHeader(req.headers, 'x-oss-security-token', creds.securityToken);
  const additional = additionalHeadersV4(opts.additionalHeaders, lowerHeaders(req.headers));
  const t = trace(req, req.query, additional, creds, datetime, opts.region, product);
  const scope = scopeV4(datetime.slice(0, 8), opts.region, product);
  const extra = additional.length > 0 ? `,AdditionalHeaders=${additional.join(';')}` : '';
  setHeader(
    req.headers,
    'Authorization',
    `${V4_ALGORITHM} Credential=${creds.accessKeyId}/${scope}${extra},Signature=${t.signature}`,
  );
  return t;
}

export interface V4PresignOptions extends V4SignOptions {
  /** Seconds the URL stays valid, counted from the signing time. */
  expiresSeconds: number;
}

/** Query-mode signing: returns the query with the `x-oss-*` auth parameters and the signature appended. */
export function presignV4(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: V4PresignOptions,
): SignatureTrace & { query: QueryPairs } {
  const product = opts.product ?? DEFAULT_PRODUCT;
  const datetime = isoBasic(opts.signingTime);
  const scope = scopeV4(datetime.slice(0, 8), opts.region, product);
  const additional = additionalHeadersV4(opts.additionalHeaders, lowerHeaders(req.headers));
  const query: Array<readonly [string, string]> = [
    ...req.query,
    ['x-oss-signature-version', V4_ALGORITHM],
    ['x-oss-date', datetime],
    ['x-oss-expires', String(opts.expiresSeconds)],
    ['x-oss-credential', `${creds.accessKeyId}/${scope}`],
  ];
  if (creds.securityToken) query.push(['x-oss-security-token', creds.securityToken]);
  if (additional.length > 0) query.push(['x-oss-additional-headers', additional.join(';')]);
  const t = trace(req, query, additional, creds, datetime, opts.region, product);
  query.push(['x-oss-signature', t.signature]);
  return { ...t, query };
}

export interface ParsedAuthorizationV4 {
  accessKeyId: string;
  date: string;
  region: string;
  product: string;
  terminator: string;
  additionalHeaders: string[];
  signature: string;
}

/** Parses `OSS4-HMAC-SHA256 Credential=…[,AdditionalHeaders=…],Signature=…`; undefined when malformed. */
export function parseAuthorizationV4(value: string): ParsedAuthorizationV4 | undefined {
  const parsed = authorizationFields(value, V4_ALGORITHM);
  if (!parsed || parsed.barePart) return undefined;
  const { fields } = parsed;
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  if (!credential || !signature) return undefined;
  return parseCredentialV4(credential, fields.get('AdditionalHeaders'), signature);
}

/** Splits `<AKID>/<date>/<region>/<product>/<terminator>`; the AKID itself never contains `/`. */
export function parseCredentialV4(
  credential: string,
  additionalHeaders: string | undefined,
  signature: string,
): ParsedAuthorizationV4 | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) return undefined;
  const [accessKeyId, date, region, product, terminator] = parts as [string, string, string, string, string];
  const additional = additionalHeaders
    ? additionalHeaders
        .split(';')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== '')
    : [];
  return { accessKeyId, date, region, product, terminator, additionalHeaders: additional, signature };
}
