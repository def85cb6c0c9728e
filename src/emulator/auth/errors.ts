// Authentication and authorization failures (oss-errors.json says which ECs are sourced).

import type { OssErrorReply } from '../wire/oss-error.ts';
import { ossErrorReply } from '../wire/oss-errors.ts';
import { argumentError } from '../wire/request-errors.ts';

export const MAX_SKEW_MS = 15 * 60 * 1000;

export function invalidAccessKeyId(accessKeyId: string): OssErrorReply {
  return ossErrorReply('invalidAccessKeyId', { extras: [['OSSAccessKeyId', accessKeyId]] });
}

/** Space-separated lower-case hex of the UTF-8 bytes, the form OSS shows beside StringToSign. */
function hexBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

export interface MismatchDetails {
  version: 'v1' | 'v4';
  accessKeyId: string;
  stringToSign: string;
  signatureProvided: string;
  canonicalRequest?: string | undefined;
}

export function signatureDoesNotMatch(d: MismatchDetails): OssErrorReply {
  const extras: Array<[string, string]> = [
    ['StringToSign', d.stringToSign],
    ['StringToSignBytes', hexBytes(d.stringToSign)],
    ['SignatureProvided', d.signatureProvided],
    ['OSSAccessKeyId', d.accessKeyId],
  ];
  if (d.canonicalRequest !== undefined) extras.push(['CanonicalRequest', d.canonicalRequest]);
  return ossErrorReply(d.version === 'v1' ? 'signatureDoesNotMatchV1' : 'signatureDoesNotMatchV4', {
    extras,
  });
}

export function requestTimeTooSkewed(requestTime: number, serverTime: number): OssErrorReply {
  const extras: Array<[string, string]> = [
    ['RequestTime', new Date(requestTime).toISOString()],
    ['ServerTime', new Date(serverTime).toISOString()],
    ['MaxAllowedSkewMilliseconds', String(MAX_SKEW_MS)],
  ];
  return ossErrorReply('requestTimeTooSkewed', { extras });
}

export function missingDate(header: string): OssErrorReply {
  return ossErrorReply('missingDate', { params: { header } });
}

export function invalidContentSha256(value: string): OssErrorReply {
  return argumentError('invalidContentSha256', 'x-oss-content-sha256', value);
}

export function invalidSecurityToken(): OssErrorReply {
  return ossErrorReply('invalidSecurityToken');
}

export function securityTokenNotMatch(accessKeyId: string): OssErrorReply {
  return ossErrorReply('securityTokenNotMatch', { extras: [['OSSAccessKeyId', accessKeyId]] });
}

export function invalidAuthorization(name: string, value: string, why: string): OssErrorReply {
  return argumentError('invalidAuthorization', name, value, { params: { name, why } });
}

export function requestExpired(expiredAt: number, serverTime: number): OssErrorReply {
  const extras: Array<[string, string]> = [
    ['Expires', new Date(expiredAt).toISOString()],
    ['ServerTime', new Date(serverTime).toISOString()],
  ];
  return ossErrorReply('requestExpired', { extras });
}

export function anonymousDenied(): OssErrorReply {
  return ossErrorReply('anonymousDenied');
}

export function bucketNotYours(): OssErrorReply {
  return ossErrorReply('bucketNotYours');
}

export function actionDenied(action: string): OssErrorReply {
  return ossErrorReply('actionDenied', { params: { action } });
}

/** A request signed for, or sent to, a region other than the bucket's; `<Endpoint>` names the right one. */
export function wrongEndpoint(bucket: string, region: string): OssErrorReply {
  const extras: Array<[string, string]> = [
    ['Bucket', bucket],
    ['Endpoint', `oss-${region}.aliyuncs.com`],
  ];
  return ossErrorReply('wrongEndpoint', { extras });
}
