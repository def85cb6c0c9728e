// Signature V4 verification (protocol §4.7), header and presigned-query modes. The canonical request is
// rebuilt with the same code the client signer uses, from the bucket the request resolved to.
import {
  additionalHeadersV4,
  canonicalRequestV4,
  DEFAULT_PRODUCT,
  type ParsedAuthorizationV4,
  parseAuthorizationV4,
  parseCredentialV4,
  parseIsoBasic,
  type QueryPairs,
  scopeV4,
  signatureV4,
  signingKeyObjectV4,
  stringToSignV4,
  UNSIGNED_PAYLOAD,
  V4_ALGORITHM,
  V4_TERMINATOR,
} from '../../oss/signer/index.ts';
import type { EmulatorState } from '../state/store.ts';
import { queryValue } from '../wire/request.ts';
import type { Requester, SignedRequest } from './common.ts';
import { checkSecurityToken, checkSkew, lookupKey, sameSignature } from './common.ts';
import {
  invalidAuthorization,
  invalidContentSha256,
  MAX_SKEW_MS,
  missingDate,
  requestExpired,
  requestTimeTooSkewed,
  signatureDoesNotMatch,
} from './errors.ts';

const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

function checkScope(parsed: ParsedAuthorizationV4, datetime: string, name: string, raw: string): void {
  if (parsed.terminator !== V4_TERMINATOR)
    throw invalidAuthorization(name, raw, `the scope must end with ${V4_TERMINATOR}`);
  if (parsed.product !== DEFAULT_PRODUCT)
    throw invalidAuthorization(name, raw, `the product must be ${DEFAULT_PRODUCT}`);
  if (parsed.date !== datetime.slice(0, 8)) {
    throw invalidAuthorization(name, raw, 'the credential date must be the day of x-oss-date');
  }
}

function verifySignature(
  req: SignedRequest,
  query: QueryPairs,
  parsed: ParsedAuthorizationV4,
  datetime: string,
  secret: string,
): void {
  const additional = additionalHeadersV4(parsed.additionalHeaders, req.headers);
  const canonicalRequest = canonicalRequestV4({
    method: req.method,
    bucket: req.bucket,
    key: req.key,
    query,
    headers: req.headers,
    additionalHeaders: additional,
  });
  const stringToSign = stringToSignV4(
    datetime,
    scopeV4(parsed.date, parsed.region, parsed.product),
    canonicalRequest,
  );
  const expected = signatureV4(
    signingKeyObjectV4(secret, parsed.date, parsed.region, parsed.product),
    stringToSign,
  );
  if (!sameSignature(expected, parsed.signature)) {
    throw signatureDoesNotMatch({
      version: 'v4',
      accessKeyId: parsed.accessKeyId,
      stringToSign,
      signatureProvided: parsed.signature,
      canonicalRequest,
    });
  }
}

/** `Authorization: OSS4-HMAC-SHA256 Credential=…,Signature=…` */
export function verifyV4Header(state: EmulatorState, req: SignedRequest, authorization: string): Requester {
  const parsed = parseAuthorizationV4(authorization);
  if (!parsed)
    throw invalidAuthorization('Authorization', authorization, 'expected Credential=… and Signature=…');
  const owner = lookupKey(state, parsed.accessKeyId);
  const datetime = req.headers.get('x-oss-date');
  const requestTime = datetime === undefined ? undefined : parseIsoBasic(datetime);
  if (datetime === undefined || requestTime === undefined) throw missingDate('x-oss-date');
  checkScope(parsed, datetime, 'Authorization', authorization);
  checkSkew(requestTime.getTime(), req.now);
  checkSecurityToken(state, owner.key, req.headers.get('x-oss-security-token'));
  const payload = req.headers.get('x-oss-content-sha256');
  if (payload !== undefined && payload !== UNSIGNED_PAYLOAD) throw invalidContentSha256(payload);
  verifySignature(req, req.query, parsed, datetime, owner.key.secret);
  return { account: owner.account, key: owner.key, version: 'v4', scopeRegion: parsed.region };
}

function required(query: QueryPairs, name: string): string {
  const value = queryValue(query, name);
  if (value === undefined || value === '') throw invalidAuthorization(name, '', 'the parameter is missing');
  return value;
}

/** Presigned URL: `x-oss-signature-version`, `x-oss-credential`, `x-oss-date`, `x-oss-expires`, `x-oss-signature`. */
export function verifyV4Query(state: EmulatorState, req: SignedRequest): Requester {
  const { now } = req;
  const version = required(req.query, 'x-oss-signature-version');
  if (version !== V4_ALGORITHM)
    throw invalidAuthorization('x-oss-signature-version', version, `expected ${V4_ALGORITHM}`);
  const credential = required(req.query, 'x-oss-credential');
  const signature = required(req.query, 'x-oss-signature');
  const parsed = parseCredentialV4(credential, queryValue(req.query, 'x-oss-additional-headers'), signature);
  if (!parsed)
    throw invalidAuthorization(
      'x-oss-credential',
      credential,
      'expected <AccessKeyId>/<date>/<region>/oss/aliyun_v4_request',
    );
  const owner = lookupKey(state, parsed.accessKeyId);
  const datetime = queryValue(req.query, 'x-oss-date');
  const signedAt = datetime === undefined ? undefined : parseIsoBasic(datetime);
  if (datetime === undefined || signedAt === undefined) throw missingDate('x-oss-date');
  checkScope(parsed, datetime, 'x-oss-credential', credential);
  const expiresRaw = required(req.query, 'x-oss-expires');
  const expires = Number(expiresRaw);
  if (!/^\d+$/.test(expiresRaw) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
    throw invalidAuthorization('x-oss-expires', expiresRaw, `must be 1 to ${MAX_PRESIGN_SECONDS} seconds`);
  }
  const start = signedAt.getTime();
  if (start - now > MAX_SKEW_MS) throw requestTimeTooSkewed(start, now);
  if (now > start + expires * 1000) throw requestExpired(start + expires * 1000, now);
  checkSecurityToken(state, owner.key, queryValue(req.query, 'x-oss-security-token'));
  const signedQuery = req.query.filter(([k]) => k !== 'x-oss-signature');
  verifySignature(req, signedQuery, parsed, datetime, owner.key.secret);
  return { account: owner.account, key: owner.key, version: 'v4', scopeRegion: parsed.region };
}
