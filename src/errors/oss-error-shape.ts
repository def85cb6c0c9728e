// What the mapping needs from an OSS client failure, read from src/oss's error classes, so the mapping
// table does not depend on how the client shapes them.
import {
  OssBadErrorResponseError,
  OssCredentialsError,
  OssError,
  OssNetworkError,
  OssServiceError,
  OssTimeoutError,
  OssValidationError,
} from '../oss/errors.ts';

/**
 * service: OSS answered with an error; timeout / network: no answer; credentials: the service has no usable
 * OSS credentials; rejected: the client refused our input before sending; client: any other client failure.
 */
export type OssFailureKind = 'service' | 'timeout' | 'network' | 'credentials' | 'rejected' | 'client';

export interface OssFailure {
  kind: OssFailureKind;
  /** HTTP status OSS answered with; undefined when it did not answer. */
  status: number | undefined;
  /** OSS error code (`NoSuchBucket`, …) or the client's own (`BadErrorResponse`, `ReadTimeout`, …). */
  code: string;
  /** OSS's <Message>; only for answers from OSS. */
  message: string | undefined;
  requestId: string | undefined;
  ec: string | undefined;
  /** Extra elements of the <Error> body: Endpoint, CnameType, Bucket, ArgumentName, … */
  fields: Readonly<Record<string, string>>;
}

/** The OSS failure an error stands for, or undefined when it did not come from the OSS client. */
export function readOssFailure(error: unknown): OssFailure | undefined {
  if (!(error instanceof OssError)) return undefined;
  const base = { code: error.code, message: undefined, requestId: undefined, ec: undefined, fields: {} };
  // An answer from OSS; only a well-formed <Error> body also carries a message and fields.
  if (error instanceof OssServiceError || error instanceof OssBadErrorResponseError) {
    const answer: OssFailure = {
      ...base,
      kind: 'service',
      status: error.status,
      requestId: error.requestId || undefined,
      ec: error.ec || undefined,
    };
    if (error instanceof OssBadErrorResponseError) return answer;
    return { ...answer, message: error.serverMessage || undefined, fields: error.fields };
  }
  if (error instanceof OssTimeoutError) return { ...base, kind: 'timeout', status: undefined };
  if (error instanceof OssNetworkError) return { ...base, kind: 'network', status: undefined };
  if (error instanceof OssCredentialsError) return { ...base, kind: 'credentials', status: undefined };
  if (error instanceof OssValidationError) return { ...base, kind: 'rejected', status: undefined };
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const requestId = 'requestId' in error && typeof error.requestId === 'string' ? error.requestId : undefined;
  return { ...base, kind: 'client', status, requestId: requestId || undefined };
}
