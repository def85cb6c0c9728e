// Authentication and authorization failures. ECs marked "doc" come from the OSS EC pages cited in
// docs/emulator.md; the others are the emulator's choice where no source names one.

import { OssErrorReply } from '../wire/oss-error.ts';
import { invalidArgument } from '../wire/request-errors.ts';

export const MAX_SKEW_MS = 15 * 60 * 1000;

export function invalidAccessKeyId(accessKeyId: string): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The OSS Access Key Id you provided does not exist in our records.',
    ec: '0002-00000902', // doc
    extras: [['OSSAccessKeyId', accessKeyId]],
  });
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
  return new OssErrorReply({
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ec: d.version === 'v1' ? '0002-00000040' : '0002-00000201', // doc
    extras,
  });
}

export function requestTimeTooSkewed(requestTime: number, serverTime: number): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: 'The difference between the request time and the current time is too large.',
    ec: '0002-00000504', // doc
    extras: [
      ['RequestTime', new Date(requestTime).toISOString()],
      ['ServerTime', new Date(serverTime).toISOString()],
      ['MaxAllowedSkewMilliseconds', String(MAX_SKEW_MS)],
    ],
  });
}

export function missingDate(header: string): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message: `The request has no valid ${header} header.`,
    ec: '0002-00000503', // doc
  });
}

export function invalidContentSha256(value: string): OssErrorReply {
  return invalidArgument(
    'x-oss-content-sha256',
    value,
    'The x-oss-content-sha256 header must be UNSIGNED-PAYLOAD.',
    '0002-00000214', // doc (status and code are the emulator's assumption)
  );
}

export function invalidSecurityToken(): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'InvalidSecurityToken',
    message: 'The security token you provided is invalid.',
    ec: '0002-00000008', // doc
  });
}

export function securityTokenNotMatch(accessKeyId: string): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessKeyIdAndSecurityTokenNotMatch',
    message: 'The OSS access key id and security token you provided does not match.',
    ec: '0002-00000004', // doc
    extras: [['OSSAccessKeyId', accessKeyId]],
  });
}

export function invalidAuthorization(name: string, value: string, why: string): OssErrorReply {
  return invalidArgument(name, value, `${name} is invalid: ${why}.`, '0002-00000012');
}

export function requestExpired(expiredAt: number, serverTime: number): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message: 'Request has expired.',
    ec: '0002-00000069',
    extras: [
      ['Expires', new Date(expiredAt).toISOString()],
      ['ServerTime', new Date(serverTime).toISOString()],
    ],
  });
}

export function anonymousDenied(): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message: 'You have no right to access this bucket: anonymous access is forbidden.',
    ec: '0003-00000002', // doc
  });
}

export function bucketNotYours(): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message: 'The bucket you access does not belong to you.',
    ec: '0003-00000202', // doc
  });
}

export function actionDenied(action: string): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message: `You have no right to access this bucket: oss:${action} is denied by RAM policy.`,
    ec: '0003-00000201', // doc
  });
}

/** A request signed for, or sent to, a region other than the bucket's; `<Endpoint>` names the right one. */
export function wrongEndpoint(bucket: string, region: string): OssErrorReply {
  return new OssErrorReply({
    status: 403,
    code: 'AccessDenied',
    message:
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    ec: '0002-00000228',
    extras: [
      ['Bucket', bucket],
      ['Endpoint', `oss-${region}.aliyuncs.com`],
    ],
  });
}
