import { createHmac } from 'node:crypto';
import { lowerHeaders, type QueryPairs, stringToSignV1 } from './canonical.ts';
import type { SigningCredentials } from './credentials.ts';
import { setHeader } from './headers.ts';
import { rfc1123 } from './time.ts';
import type { SignableRequest } from './v4.ts';

export interface V1SignOptions {
  signingTime: Date;
  /** Sub-resources the operation declares (CNAME operations: `cname`, `comp`). */
  subResources?: readonly string[] | undefined;
}

export function signatureV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign).digest('base64');
}

/** Header-mode V1 signing: sets `Date`, `x-oss-security-token` (when a token exists) and `Authorization`. */
export function signV1(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: V1SignOptions,
): { stringToSign: string; signature: string } {
  const date = rfc1123(opts.signingTime);
  setHeader(req.headers, 'Date', date);
  if (creds.securityToken) setHeader(req.headers, 'x-oss-security-token', creds.securityToken);
  const stringToSign = stringToSignV1({
    method: req.method,
    bucket: req.bucket,
    key: req.key,
    query: req.query,
    headers: lowerHeaders(req.headers),
    date,
    operationSubResources: opts.subResources,
  });
  const signature = signatureV1(creds.accessKeySecret, stringToSign);
  setHeader(req.headers, 'Authorization', `OSS ${creds.accessKeyId}:${signature}`);
  return { stringToSign, signature };
}

export interface V1PresignOptions {
  /** Absolute expiry. */
  expires: Date;
  subResources?: readonly string[] | undefined;
}

/** Query-mode V1 signing: returns the query with `Expires`, `OSSAccessKeyId`, `Signature` appended. */
export function presignV1(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: V1PresignOptions,
): { stringToSign: string; signature: string; query: QueryPairs } {
  const expires = String(Math.floor(opts.expires.getTime() / 1000));
  const query: Array<readonly [string, string]> = [...req.query];
  if (creds.securityToken) query.push(['security-token', creds.securityToken]);
  const stringToSign = stringToSignV1({
    method: req.method,
    bucket: req.bucket,
    key: req.key,
    query,
    headers: lowerHeaders(req.headers),
    date: expires,
    operationSubResources: opts.subResources,
  });
  const signature = signatureV1(creds.accessKeySecret, stringToSign);
  query.push(['Expires', expires], ['OSSAccessKeyId', creds.accessKeyId], ['Signature', signature]);
  return { stringToSign, signature, query };
}

/** Parses `OSS <AKID>:<signature>`; undefined when malformed. */
export function parseAuthorizationV1(value: string): { accessKeyId: string; signature: string } | undefined {
  const m = /^OSS ([^:\s]+):(\S+)$/.exec(value.trim());
  return m ? { accessKeyId: m[1] as string, signature: m[2] as string } : undefined;
}
