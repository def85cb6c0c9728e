// OSS client errors as the real client raises them, for tests that fake OSS.
import { OssNetworkError, OssServiceError, OssTimeoutError } from '../../src/oss/errors.ts';

export function serviceError(
  status: number,
  code: string,
  options: { ec?: string; fields?: Record<string, string>; message?: string; operation?: string } = {},
): OssServiceError {
  return new OssServiceError({
    status,
    code,
    message: options.message ?? `${code} happened`,
    operation: options.operation ?? 'PutCname',
    requestId: '5C3D9175B6FC201293AD6AAB',
    ec: options.ec ?? '0018-00000000',
    hostId: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
    headers: {},
    fields: options.fields ?? {},
  });
}

export const timeoutError = () => new OssTimeoutError('ReadTimeout', 'ListCname', 10_000);
export const networkError = () => new OssNetworkError('ListCname', false, new Error('connect ECONNREFUSED'));
