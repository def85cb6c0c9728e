// Every failure the client reports is an OssError with a stable `code`, so callers (and the REST layer's
// problem mapping) can branch on codes instead of messages. None of these ever carries request headers,
// credentials or request bodies: only what OSS sent back and what we decided locally.
import { CodedError } from './coded-error.ts';

export class OssError<C extends string = string> extends CodedError<C> {}

/** What identifies a failed exchange with OSS (OssResponseError below). */
export interface OssResponseErrorInit {
  status: number;
  operation: string;
  requestId: string;
  ec: string;
  /** Response headers, lower-cased names. */
  headers: Readonly<Record<string, string>>;
}

/** A non-2xx answer from OSS: what identifies the exchange, whether or not its body could be read. */
abstract class OssResponseError extends OssError {
  readonly status: number;
  readonly requestId: string;
  readonly ec: string;
  readonly operation: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, message: string, init: OssResponseErrorInit) {
    super(code, message);
    this.status = init.status;
    this.requestId = init.requestId;
    this.ec = init.ec;
    this.operation = init.operation;
    this.headers = init.headers;
  }
}

/** OSS answered with a non-2xx status and a well-formed `<Error>` document. */
export class OssServiceError extends OssResponseError {
  readonly hostId: string;
  /** Every other child of `<Error>` (Bucket, Cname, CnameType, StringToSign, ArgumentName, ...). */
  readonly fields: Readonly<Record<string, string>>;
  readonly serverMessage: string;

  constructor(
    init: OssResponseErrorInit & {
      code: string;
      message: string;
      hostId: string;
      fields: Record<string, string>;
    },
  ) {
    const ids = [`RequestId: ${init.requestId || '-'}`];
    if (init.ec) ids.push(`EC: ${init.ec}`);
    super(
      init.code,
      `${init.operation} failed: ${init.status} ${init.code}: ${init.message} (${ids.join(', ')})`,
      init,
    );
    this.hostId = init.hostId;
    this.fields = init.fields;
    this.serverMessage = init.message;
  }
}

export const BAD_ERROR_RESPONSE = 'BadErrorResponse';

/** A non-2xx answer whose body is not OSS error XML (a proxy page, an empty body, truncated XML...). */
export class OssBadErrorResponseError extends OssResponseError {
  /** The start of the body, for diagnosis; never more than {@link BODY_SNIPPET_LIMIT} characters. */
  readonly bodySnippet: string;

  constructor(init: OssResponseErrorInit & { bodySnippet: string; reason: string }) {
    super(
      BAD_ERROR_RESPONSE,
      `${init.operation} failed: ${init.status} with a body that is not OSS error XML (${init.reason}; RequestId: ${init.requestId || '-'})`,
      init,
    );
    this.bodySnippet = init.bodySnippet;
  }
}

export const BODY_SNIPPET_LIMIT = 256;

/**
 * The connection failed. `requestSent` is false only when we know OSS cannot have seen the request
 * (refused or unresolvable before any byte was written); retry-safety decisions rely on it.
 */
export class OssNetworkError extends OssError {
  readonly operation: string;
  readonly requestSent: boolean;

  constructor(operation: string, requestSent: boolean, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('NetworkError', `${operation} failed: network error: ${detail}`, { cause });
    this.operation = operation;
    this.requestSent = requestSent;
  }
}

export type OssTimeoutCode = 'ConnectTimeout' | 'ReadTimeout';

export class OssTimeoutError extends OssError {
  readonly operation: string;
  readonly timeoutMs: number;
  /** A connect timeout happens before the request is written; a read timeout after. */
  readonly requestSent: boolean;

  constructor(code: OssTimeoutCode, operation: string, timeoutMs: number, cause?: unknown) {
    const what = code === 'ConnectTimeout' ? 'connecting' : 'waiting for the response';
    super(code, `${operation} failed: timed out after ${timeoutMs} ms ${what}`, { cause });
    this.operation = operation;
    this.timeoutMs = timeoutMs;
    this.requestSent = code === 'ReadTimeout';
  }
}

/** No usable credentials: missing environment variables, a failed metadata fetch, an empty key. */
export class OssCredentialsError extends OssError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CredentialsError', message, options);
  }
}

/** Rejected before anything was sent: bad bucket name, region, endpoint or input. */
export class OssValidationError extends OssError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('InvalidArgument', message);
    this.field = field;
  }
}

/** A 2xx body we could not read: not XML, the wrong root, a DOCTYPE, or too large. */
export class OssResponseParseError extends OssError {
  readonly operation: string;
  readonly status: number;
  readonly requestId: string;

  constructor(
    code: 'InvalidXml' | 'XmlDoctypeRefused' | 'XmlTooLarge' | 'UnexpectedXmlRoot',
    init: { operation: string; status: number; requestId: string; detail: string },
  ) {
    super(code, `${init.operation}: cannot read the response (${init.detail})`);
    this.operation = init.operation;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

/** The response was bigger than the transport allows; the connection is dropped. */
export class OssResponseTooLargeError extends OssError {
  readonly operation: string;
  readonly limitBytes: number;

  constructor(operation: string, limitBytes: number) {
    super('ResponseTooLarge', `${operation} failed: response larger than ${limitBytes} bytes`);
    this.operation = operation;
    this.limitBytes = limitBytes;
  }
}

/** The caller's AbortSignal fired. Never retried. */
export class OssAbortedError extends OssError {
  constructor(operation: string, cause?: unknown) {
    super('RequestAborted', `${operation} aborted by the caller`, { cause });
  }
}
