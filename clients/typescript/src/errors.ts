// Error answers as one typed error: every error the service sends is application/problem+json with a
// stable `code`, so callers branch on `error.code` instead of parsing bodies.
import type { Problem as DocumentedProblem } from './generated/types.gen.js';

/**
 * A problem body. `code` is one of the documented codes, or `http-<status>` for an error answer that was
 * not a problem (a proxy's HTML page, say), so callers can still branch on it.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: DocumentedProblem['code'] | `http-${number}`;
  requestId: string;
  ossRequestId?: string;
  ossCode?: string;
  ossEc?: string;
  issues?: DocumentedProblem['issues'];
  [key: string]: unknown;
}

/** Thrown for every error answer (4xx/5xx). `problem` is the body; `code` its stable code. */
export class ProblemResponseError extends Error {
  override readonly name = 'ProblemResponseError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** Stable error code (see the service's docs/api.md), e.g. `dns-not-ready`. */
  readonly code: string;
  /** The problem body as sent; members beyond RFC 9457's carry the details (e.g. `preflight`). */
  readonly problem: Problem;
  /** The service's request id: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying, from Retry-After, when the service sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, response?: Response) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.requestId = problem.requestId || response?.headers.get('x-request-id') || undefined;
    const retryAfter = Number(response?.headers.get('retry-after') ?? Number.NaN);
    this.retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
  }
}

export function isProblemResponseError(error: unknown): error is ProblemResponseError {
  return error instanceof ProblemResponseError;
}

/**
 * The error for an error answer: its problem body when it is one, otherwise (a proxy's HTML page, an
 * empty body) a problem made up from the status, with code `http-<status>`.
 */
export function toProblemResponseError(body: unknown, response: Response): ProblemResponseError {
  if (isProblem(body)) return new ProblemResponseError(body, response);
  const detail = typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : response.statusText;
  return new ProblemResponseError(
    {
      type: 'about:blank',
      title: response.statusText || 'Error',
      status: response.status,
      detail: detail || `HTTP ${response.status}`,
      code: `http-${response.status}`,
      requestId: response.headers.get('x-request-id') ?? '',
    },
    response,
  );
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}
