// Every error a caller can meet is an RFC 9457 problem with a stable `code`. Routes and plugins throw
// ProblemError; the one error handler renders it as application/problem+json.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Members added to the problem body beside the standard ones (checks, dnsRecord, ossCode, …). */
export type ProblemExtensions = Record<string, unknown>;

export interface ProblemInit {
  status: number;
  /** Stable, kebab-case, documented in the README's error table. */
  code: string;
  title: string;
  /** Tells the caller what to do next. */
  detail: string;
  extensions?: ProblemExtensions | undefined;
  /** Extra response headers such as Retry-After. */
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly extensions: ProblemExtensions;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProblemError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }
}

/** The `type` URI of a problem code; stable, so clients may switch on either `type` or `code`. */
export function problemType(code: string): string {
  return `urn:oss-cname-service:problem:${code}`;
}
