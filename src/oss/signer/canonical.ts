// Canonicalization shared by the signer (client side) and the emulator's verifier (server side).
// Both sides must derive byte-identical strings, so every rule lives here exactly once.

/** Decoded query parameters in wire order. Values are '' for bare sub-resources such as `?cname`. */
export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** Header map with lower-case names, the form the canonicalizers work on. */
export type LowerHeaders = ReadonlyMap<string, string>;

const EXTRA_RESERVED = /[!'()*]/g;

/**
 * RFC 3986 percent-encoding: unreserved `A-Z a-z 0-9 - . _ ~` stay, everything else becomes
 * upper-case `%XX` over UTF-8. encodeURIComponent leaves `!'()*` alone, which OSS does not.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    EXTRA_RESERVED,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Like {@link encodeRfc3986} but keeps `/`, for URI paths. */
export function encodePath(value: string): string {
  return encodeRfc3986(value).replaceAll('%2F', '/');
}

/** Percent-decoding that never throws: malformed escapes are kept verbatim, as servers do. */
export function safeDecode(value: string): string {
  const plus = value.replaceAll('+', ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** Parses a raw wire query (`a=1&b&c=`) into decoded pairs; `+` means space. */
export function parseQuery(raw: string): QueryPairs {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(k), safeDecode(v)]);
  }
  return pairs;
}

/** Wire form as the SDKs send it: every parameter carries `=`, even when empty (`cname=&comp=add`). */
export function serializeQuery(pairs: QueryPairs): string {
  return pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** V4 canonical query: encode, sort by encoded key (then value), bare key when the value is empty. */
export function canonicalQueryV4(pairs: QueryPairs): string {
  return pairs
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&');
}

/** V4 canonical URI: `/<bucket>/<key>` (bucket part only when present), path-encoded. */
export function canonicalUriV4(bucket?: string, key?: string): string {
  let uri = '/';
  if (bucket) uri += `${bucket}/`;
  if (key) uri += key;
  return encodePath(uri);
}

/** Lower-cases header names and joins repeated values with `,` (values are trimmed, as Go/TS do). */
export function lowerHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const values = typeof raw === 'string' ? [raw] : raw;
    const lname = name.toLowerCase();
    const joined = values.map((v) => v.trim()).join(',');
    const prev = out.get(lname);
    out.set(lname, prev === undefined ? joined : `${prev},${joined}`);
  }
  return out;
}

function isDefaultSignedV4(lname: string): boolean {
  return lname === 'content-type' || lname === 'content-md5' || lname.startsWith('x-oss-');
}

/**
 * The additional headers a V4 signature covers: requested names, lower-cased, de-duplicated, minus the
 * ones signed anyway and minus the ones absent or empty on the request; sorted.
 */
export function additionalHeadersV4(
  requested: readonly string[] | undefined,
  headers: LowerHeaders,
): string[] {
  if (!requested || requested.length === 0) return [];
  const names = new Set<string>();
  for (const name of requested) {
    const lname = name.trim().toLowerCase();
    if (lname === '' || isDefaultSignedV4(lname)) continue;
    const value = headers.get(lname);
    if (value === undefined || value === '') continue;
    names.add(lname);
  }
  return [...names].sort(byteCompare);
}

export interface CanonicalRequestV4Input {
  method: string;
  bucket?: string;
  key?: string;
  query: QueryPairs;
  headers: LowerHeaders;
  /** Output of {@link additionalHeadersV4}. */
  additionalHeaders: readonly string[];
}

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function canonicalRequestV4(input: CanonicalRequestV4Input): string {
  const extra = new Set(input.additionalHeaders);
  const signed: Array<[string, string]> = [];
  for (const [name, value] of input.headers) {
    if (isDefaultSignedV4(name) || extra.has(name)) signed.push([name, value]);
  }
  signed.sort((a, b) => byteCompare(a[0], b[0]));
  const canonicalHeaders = signed.map(([n, v]) => `${n}:${v}\n`).join('');
  const payloadHash = input.headers.get('x-oss-content-sha256') ?? UNSIGNED_PAYLOAD;
  return [
    input.method.toUpperCase(),
    canonicalUriV4(input.bucket, input.key),
    canonicalQueryV4(input.query),
    canonicalHeaders,
    input.additionalHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Sub-resources V1 always signs (Go SDK `requiredSignedParametersMap`). */
export const V1_SIGNED_SUBRESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'bucketInfo',
  'location',
  'stat',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploads',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'restore',
  'callback',
  'callback-var',
  'versions',
  'versioning',
  'versionId',
  'sequential',
  'continuation-token',
  'regionList',
  'cloudboxes',
  'symlink',
]);

/** V1 CanonicalizedResource: `/<bucket>/<key>` (decoded) plus the signed sub-resources, sorted. */
export function canonicalResourceV1(
  bucket: string | undefined,
  key: string | undefined,
  query: QueryPairs,
  operationSubResources: readonly string[] = [],
): string {
  const declared = new Set(operationSubResources);
  const params = new Map<string, string>();
  for (const [k, v] of query) {
    if (params.has(k)) continue; // first value wins, like Go's url.Values.Get
    if (V1_SIGNED_SUBRESOURCES.has(k) || k.startsWith('x-oss-') || declared.has(k)) params.set(k, v);
  }
  const sub = [...params.keys()]
    .sort(byteCompare)
    .map((k) => {
      const v = params.get(k) ?? '';
      return v === '' ? k : `${k}=${v}`;
    })
    .join('&');
  let resource = '/';
  if (bucket) resource += `${bucket}/`;
  if (key) resource += key;
  return sub === '' ? resource : `${resource}?${sub}`;
}

/** V1 CanonicalizedOSSHeaders: every `x-oss-*` header, sorted, `name:value\n` each. */
export function canonicalOssHeadersV1(headers: LowerHeaders): string {
  return [...headers]
    .filter(([name]) => name.startsWith('x-oss-'))
    .sort((a, b) => byteCompare(a[0], b[0]))
    .map(([n, v]) => `${n}:${v}\n`)
    .join('');
}

export interface StringToSignV1Input {
  method: string;
  bucket?: string;
  key?: string;
  query: QueryPairs;
  headers: LowerHeaders;
  /** The Date header value, or the Expires seconds for presigned URLs. */
  date: string;
  operationSubResources?: readonly string[];
}

export function stringToSignV1(input: StringToSignV1Input): string {
  return [
    input.method.toUpperCase(),
    input.headers.get('content-md5') ?? '',
    input.headers.get('content-type') ?? '',
    input.date,
    canonicalOssHeadersV1(input.headers) +
      canonicalResourceV1(input.bucket, input.key, input.query, input.operationSubResources),
  ].join('\n');
}
