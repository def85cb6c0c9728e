// Signature V1 verification (protocol §4.6), header (`Authorization: OSS <AKID>:<sig>`) and presigned
// (`OSSAccessKeyId`, `Expires`, `Signature`) modes.

import { parseAuthorizationV1, parseHttpDate, signatureV1, stringToSignV1 } from '../../oss/signer/index.ts';
import type { EmulatorState } from '../state/store.ts';
import { queryValue } from '../wire/request.ts';
import type { Requester, SignedRequest } from './common.ts';
import { checkSecurityToken, checkSkew, lookupKey, sameSignature } from './common.ts';
import { invalidAuthorization, missingDate, requestExpired, signatureDoesNotMatch } from './errors.ts';

export interface SignedRequestV1 extends SignedRequest {
  /** Sub-resources the operation signs beyond the fixed whitelist. */
  subResources: readonly string[];
}

function stringToSign(req: SignedRequestV1, date: string): string {
  return stringToSignV1({
    method: req.method,
    bucket: req.bucket,
    key: req.key,
    query: req.query,
    headers: req.headers,
    date,
    operationSubResources: req.subResources,
  });
}

/** Accepts the signature when one of the date lines matches; reports the first on mismatch. */
function verify(
  req: SignedRequestV1,
  dates: readonly string[],
  accessKeyId: string,
  secret: string,
  provided: string,
): void {
  const candidates = dates.map((date) => stringToSign(req, date));
  if (candidates.some((sts) => sameSignature(signatureV1(secret, sts), provided))) return;
  throw signatureDoesNotMatch({
    version: 'v1',
    accessKeyId,
    stringToSign: candidates[0] ?? '',
    signatureProvided: provided,
  });
}

export function verifyV1Header(state: EmulatorState, req: SignedRequestV1, authorization: string): Requester {
  const parsed = parseAuthorizationV1(authorization);
  if (!parsed)
    throw invalidAuthorization('Authorization', authorization, 'expected OSS <AccessKeyId>:<Signature>');
  const owner = lookupKey(state, parsed.accessKeyId);
  // The SDKs put the date in `Date`; ali-oss and an explicit caller use `x-oss-date`, which Python's
  // signer then prefers. Either date line is accepted, the first parseable one sets the request time.
  const dates = [req.headers.get('x-oss-date'), req.headers.get('date')].filter(
    (d): d is string => d !== undefined && d !== '',
  );
  const requestTime = dates.map((d) => parseHttpDate(d)).find((d) => d !== undefined);
  if (requestTime === undefined) throw missingDate('Date');
  checkSkew(requestTime.getTime(), req.now);
  const token = req.headers.get('x-oss-security-token') ?? req.headers.get('security-token');
  checkSecurityToken(state, owner.key, token);
  verify(req, [...new Set(dates)], parsed.accessKeyId, owner.key.secret, parsed.signature);
  return { account: owner.account, key: owner.key, version: 'v1', scopeRegion: undefined };
}

export function verifyV1Query(state: EmulatorState, req: SignedRequestV1): Requester {
  const accessKeyId = queryValue(req.query, 'OSSAccessKeyId');
  const expires = queryValue(req.query, 'Expires');
  const signature = queryValue(req.query, 'Signature');
  if (!accessKeyId) throw invalidAuthorization('OSSAccessKeyId', '', 'the parameter is missing');
  if (!signature) throw invalidAuthorization('Signature', '', 'the parameter is missing');
  if (!expires || !/^\d+$/.test(expires))
    throw invalidAuthorization('Expires', expires ?? '', 'expected unix seconds');
  const owner = lookupKey(state, accessKeyId);
  const expiresAt = Number(expires) * 1000;
  if (req.now > expiresAt) throw requestExpired(expiresAt, req.now);
  checkSecurityToken(state, owner.key, queryValue(req.query, 'security-token'));
  verify(req, [expires], accessKeyId, owner.key.secret, signature);
  return { account: owner.account, key: owner.key, version: 'v1', scopeRegion: undefined };
}
