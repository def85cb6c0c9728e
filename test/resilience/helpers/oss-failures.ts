// Real OSS client errors, one per kind the breaker tells apart.
import {
  OssAbortedError,
  OssBadErrorResponseError,
  OssCredentialsError,
  OssNetworkError,
  OssResponseParseError,
  OssServiceError,
  OssTimeoutError,
  OssValidationError,
} from '../../../src/oss/errors.ts';

export function serviceError(status: number, code: string, operation = 'ListCname'): OssServiceError {
  return new OssServiceError({
    status,
    operation,
    requestId: '5C3D9175B6FC201293AD6AAB',
    ec: '',
    headers: {},
    code,
    message: code,
    hostId: 'oss.test',
    fields: {},
  });
}

/** Count against OSS: it is failing or shedding load. */
export const UNHEALTHY: Array<[string, () => Error]> = [
  ['500 InternalError', () => serviceError(500, 'InternalError')],
  ['503 ServiceUnavailable', () => serviceError(503, 'ServiceUnavailable')],
  ['429 throttling', () => serviceError(429, 'TooManyRequests')],
  [
    '502 proxy page',
    () =>
      new OssBadErrorResponseError({
        status: 502,
        operation: 'ListCname',
        requestId: '',
        ec: '',
        headers: {},
        bodySnippet: '<html>',
        reason: 'not XML',
      }),
  ],
  ['read timeout', () => new OssTimeoutError('ReadTimeout', 'ListCname', 100)],
  ['connect timeout', () => new OssTimeoutError('ConnectTimeout', 'ListCname', 100)],
  ['connection reset', () => new OssNetworkError('ListCname', true, new Error('ECONNRESET'))],
  ['connection refused', () => new OssNetworkError('ListCname', false, new Error('ECONNREFUSED'))],
];

/** OSS answered: it is up, whatever it thought of the request. */
export const HEALTHY_ANSWERS: Array<[string, () => Error]> = [
  ['404 NoSuchBucket', () => serviceError(404, 'NoSuchBucket')],
  ['403 NeedVerifyDomainOwnership', () => serviceError(403, 'NeedVerifyDomainOwnership', 'PutCname')],
  ['409 CnameAlreadyExists', () => serviceError(409, 'CnameAlreadyExists', 'PutCname')],
  ['400 InvalidArgument', () => serviceError(400, 'InvalidArgument', 'PutCname')],
  ['403 InvalidAccessKeyId', () => serviceError(403, 'InvalidAccessKeyId')],
  ['403 RequestTimeTooSkewed', () => serviceError(403, 'RequestTimeTooSkewed')],
];

/** Say nothing about OSS. */
export const NEUTRAL: Array<[string, () => Error]> = [
  ['caller aborted', () => new OssAbortedError('ListCname')],
  ['no local credentials', () => new OssCredentialsError('OSS_ACCESS_KEY_ID is not set')],
  ['refused before sending', () => new OssValidationError('bucket', 'bad bucket')],
  [
    'unreadable 2xx body',
    () =>
      new OssResponseParseError('InvalidXml', {
        operation: 'ListCname',
        status: 200,
        requestId: '',
        detail: 'not XML',
      }),
  ],
  ['a non-OSS error', () => new TypeError('bug')],
];
