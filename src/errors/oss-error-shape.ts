// What the mapping needs from an OSS client failure, read from the client's error objects.
// Kept separate so the mapping table does not depend on how src/oss shapes its classes.

export type OssFailureKind = 'service' | 'timeout' | 'network';

export interface OssFailure {
  kind: OssFailureKind;
  /** HTTP status OSS answered with; undefined for timeouts and network failures. */
  status: number | undefined;
  /** OSS error code (`NoSuchBucket`, `BadErrorResponse`, …). */
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
  ec: string | undefined;
  /** Extra elements of the <Error> body: Endpoint, CnameType, Bucket, ArgumentName, … */
  fields: Record<string, string>;
}

const KIND_BY_NAME: Record<string, OssFailureKind> = {
  OssServiceError: 'service',
  BadErrorResponse: 'service',
  OssTimeoutError: 'timeout',
  OssNetworkError: 'network',
};

/** The OSS failure an error stands for, or undefined when it did not come from the OSS client. */
export function readOssFailure(error: unknown): OssFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = KIND_BY_NAME[error.name];
  if (kind === undefined) return undefined;
  const e = error as Error & Record<string, unknown>;
  return {
    kind,
    status: typeof e.status === 'number' ? e.status : undefined,
    code: text(e.code) ?? (error.name === 'BadErrorResponse' ? 'BadErrorResponse' : undefined),
    message: text(e.ossMessage) ?? (kind === 'service' ? error.message : undefined),
    requestId: text(e.requestId),
    ec: text(e.ec),
    fields: stringFields(e.fields),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringFields(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}
