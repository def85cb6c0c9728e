// Every error a caller can meet is an RFC 9457 problem with a stable `code` from the catalogue. Routes and
// plugins throw what problem() builds; the one error handler renders it as application/problem+json.

import { CodedError } from '../oss/coded-error.ts';
import { PROBLEM_CATALOGUE, type ProblemCode } from './catalogue.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Members added to the problem body beside the standard ones (checks, dnsRecord, ossCode, …). */
export type ProblemExtensions = Record<string, unknown>;

export interface ProblemInit {
  status: number;
  /** Stable, kebab-case; the service's own come from the catalogue through problem(). */
  code: string;
  title: string;
  /** Tells the caller what to do next. */
  detail: string;
  extensions?: ProblemExtensions | undefined;
  /** Extra response headers such as Retry-After. */
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

export class ProblemError extends CodedError {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly extensions: ProblemExtensions;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.code, init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    // Subclasses (AcmeError) keep reporting as ProblemError: spans record the name as error.type.
    this.name = 'ProblemError';
    this.status = init.status;
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

export interface ProblemOptions {
  headers?: Record<string, string> | undefined;
  extensions?: ProblemExtensions | undefined;
  cause?: unknown;
}

/** The one way the service builds a problem: status and title come from the catalogue entry of `code`. */
export function problem(code: ProblemCode, detail: string, options: ProblemOptions = {}): ProblemError {
  const { status, title } = PROBLEM_CATALOGUE[code];
  return new ProblemError({ status, code, title, detail, ...options });
}
