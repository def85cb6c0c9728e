// An ACME error document (RFC 8555 §6.7, RFC 7807) as it came from the CA, before we map it to our codes.

const ACME_PREFIX = 'urn:ietf:params:acme:error:';

export interface AcmeSubproblem {
  type: string;
  detail: string;
  identifier?: { type: string; value: string };
}

export class AcmeProblem extends Error {
  /** Without the `urn:ietf:params:acme:error:` prefix: rateLimited, caa, dns, unauthorized, … */
  readonly type: string;
  readonly detail: string;
  /** HTTP status; 0 when the CA could not be reached. */
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly subproblems: AcmeSubproblem[];

  constructor(init: {
    type: string;
    detail: string;
    status: number;
    retryAfterSeconds?: number | undefined;
    subproblems?: AcmeSubproblem[];
  }) {
    super(`${init.type}: ${init.detail}`);
    this.name = 'AcmeProblem';
    this.type = init.type;
    this.detail = init.detail;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.subproblems = init.subproblems ?? [];
  }

  /** A problem from an HTTP answer, or undefined when the answer is not an error. */
  static fromResponse(status: number, headers: unknown, data: unknown): AcmeProblem | undefined {
    if (status < 400) return undefined;
    const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    return new AcmeProblem({
      type: shortType(body.type) ?? `http-${status}`,
      detail: typeof body.detail === 'string' ? body.detail : `the CA answered HTTP ${status}`,
      status,
      retryAfterSeconds: parseRetryAfter(header(headers, 'retry-after')),
      subproblems: Array.isArray(body.subproblems) ? body.subproblems.flatMap(subproblem) : [],
    });
  }

  /** An error object embedded in a challenge or order (`{type, detail}`). */
  static fromDocument(document: unknown, status = 0): AcmeProblem {
    return (
      AcmeProblem.fromResponse(400, {}, document) ??
      new AcmeProblem({ type: 'unknown', detail: 'no detail', status })
    ).withStatus(status);
  }

  static fromNetworkError(error: unknown): AcmeProblem {
    const message = error instanceof Error ? error.message : String(error);
    return new AcmeProblem({ type: 'connection', detail: message, status: 0 });
  }

  withStatus(status: number): AcmeProblem {
    return new AcmeProblem({ ...this, status, subproblems: this.subproblems });
  }
}

function shortType(type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined;
  return type.startsWith(ACME_PREFIX) ? type.slice(ACME_PREFIX.length) : type;
}

function subproblem(value: unknown): AcmeSubproblem[] {
  if (typeof value !== 'object' || value === null) return [];
  const v = value as Record<string, unknown>;
  const identifier = v.identifier as AcmeSubproblem['identifier'];
  return [
    {
      type: shortType(v.type) ?? 'unknown',
      detail: typeof v.detail === 'string' ? v.detail : '',
      ...(identifier === undefined ? {} : { identifier }),
    },
  ];
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
