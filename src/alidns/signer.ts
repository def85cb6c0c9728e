// Alibaba Cloud's signature V3 (ACS3-HMAC-SHA256), as the official SDKs compute it: a canonical request
// of method, path, sorted query, the signed headers (host, content-type and every x-acs-* header) and
// the body's SHA-256, hashed and HMACed with the secret. The client signs with it; the emulator
// recomputes it to verify, so both sides share one definition.

import { createHash, createHmac } from 'node:crypto';
import { authorizationFields } from '../oss/signer/headers.ts';

const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, the canonical form does not. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** Keys sorted by UTF-16 code unit, as the SDKs' `Object.keys().sort()` does. */
function canonicalQuery(query: QueryPairs): string {
  return query
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a, va], [b, vb]) => (a < b ? -1 : a > b ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Headers that take part in the signature: host, content-type and the x-acs-* family. */
function isSignedHeader(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

/** The signed header names (sorted, lower-case) of a header record. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return [...new Set(Object.keys(headers).map((n) => n.toLowerCase()))].filter(isSignedHeader).sort();
}

export interface CanonicalInput {
  method: string;
  /** Path as sent, e.g. `/`. */
  path: string;
  query: QueryPairs;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** Sorted lower-case names of the headers to sign. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body (`x-acs-content-sha256`). */
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalInput): string {
  const headerLines = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim()}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    headerLines,
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function stringToSign(canonical: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonical)}`;
}

export function signature(secret: string, toSign: string): string {
  return createHmac('sha256', secret).update(toSign).digest('hex');
}

export function authorizationHeader(
  accessKeyId: string,
  signedHeaders: readonly string[],
  sig: string,
): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${sig}`;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`; undefined when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const fields = authorizationFields(value, ACS3_ALGORITHM)?.fields;
  if (!fields) return undefined;
  const accessKeyId = fields.get('Credential');
  const signed = fields.get('SignedHeaders');
  const sig = fields.get('Signature');
  if (!accessKeyId || !signed || !sig) return undefined;
  return { accessKeyId, signedHeaders: signed.split(';').map((h) => h.toLowerCase()), signature: sig };
}
