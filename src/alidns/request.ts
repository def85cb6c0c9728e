// One signed Alidns RPC request: POST / with the parameters in the query string and an empty body,
// headers in the order the official SDK writes them (shared/managed-domains.md §4). Pure, so the
// byte-for-byte test against the SDK can build it with a fixed date and nonce.

import { randomBytes } from 'node:crypto';
import type { Credentials } from '../oss/credentials/types.ts';
import {
  authorizationHeader,
  canonicalRequest,
  type QueryPairs,
  sha256Hex,
  signature,
  signedHeaderNames,
  stringToSign,
} from './signer.ts';

export const ALIDNS_VERSION = '2015-01-09';

export type ParamValue = string | number | undefined;

export interface AlidnsRequestInput {
  /** Origin, e.g. `https://alidns.aliyuncs.com`. */
  origin: string;
  action: string;
  params: Readonly<Record<string, ParamValue>>;
  credentials: Credentials;
  userAgent: string;
  /** `YYYY-MM-DDTHH:mm:ssZ`; default now. */
  date?: string | undefined;
  /** Unique per request; default 32 random hex characters. */
  nonce?: string | undefined;
}

export interface SignedAlidnsRequest {
  origin: string;
  method: 'POST';
  /** Path and query, as written on the request line. */
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** ISO 8601 in UTC to the second, the form `x-acs-date` takes. */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Defined parameters, sorted by name: the SDK adds them in that order, so the URL matches too. */
function queryPairs(params: Readonly<Record<string, ParamValue>>): Array<[string, string]> {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]): [string, string] => [k, String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** encodeURIComponent plus `'`, which a WHATWG URL's query encoding adds (the SDK's requests pass one). */
function urlEncode(value: string): string {
  return encodeURIComponent(value).replaceAll("'", '%27');
}

function urlQuery(pairs: QueryPairs): string {
  return pairs.map(([k, v]) => `${urlEncode(k)}=${urlEncode(v)}`).join('&');
}

export function buildAlidnsRequest(input: AlidnsRequestInput): SignedAlidnsRequest {
  const url = new URL(input.origin);
  const pairs = queryPairs(input.params);
  const body = '';
  const payloadHash = sha256Hex(body);
  const headers: Record<string, string> = {
    host: url.host,
    'x-acs-version': ALIDNS_VERSION,
    'x-acs-action': input.action,
    'user-agent': input.userAgent,
    'x-acs-date': input.date ?? acsDate(Date.now()),
    'x-acs-signature-nonce': input.nonce ?? newNonce(),
    accept: 'application/json',
    'x-acs-content-sha256': payloadHash,
  };
  const { accessKeyId, accessKeySecret, securityToken } = input.credentials;
  if (securityToken) {
    headers['x-acs-accesskey-id'] = accessKeyId;
    headers['x-acs-security-token'] = securityToken;
  }
  const signedHeaders = signedHeaderNames(headers);
  const canonical = canonicalRequest({
    method: 'POST',
    path: '/',
    query: pairs,
    headers,
    signedHeaders,
    payloadHash,
  });
  const sig = signature(accessKeySecret, stringToSign(canonical));
  // The SDK spells this one capitalised; HTTP does not care, a byte comparison does.
  headers.Authorization = authorizationHeader(accessKeyId, signedHeaders, sig);
  const query = urlQuery(pairs);
  return {
    origin: url.origin,
    method: 'POST',
    target: query === '' ? '/' : `/?${query}`,
    headers,
    body,
  };
}
