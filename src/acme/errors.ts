// ACME problems become ours: a stable code, the CA's own words in the detail, and whether and when the
// caller should try again. The lifecycle stores `code` and `detail` as the domain's lastError.

import { PROBLEM_CATALOGUE } from '../errors/catalogue.ts';
import { ProblemError } from '../errors/problem.ts';
import type { AcmeProblem } from './problem.ts';

export type AcmeErrorCode =
  | 'acme-rate-limited'
  | 'acme-caa-forbidden'
  | 'acme-challenge-failed'
  | 'acme-challenge-not-visible'
  | 'acme-order-failed'
  | 'acme-unavailable';

/** Without a Retry-After from the CA: Let's Encrypt's limits refill within hours, not seconds. */
const DEFAULT_RATE_LIMIT_RETRY = 3_600;

export class AcmeError extends ProblemError {
  declare readonly code: AcmeErrorCode;
  /** True when the same order (or a new one) may succeed later without anyone changing anything. */
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AcmeErrorCode,
    detail: string,
    opts: {
      retryAfterSeconds?: number | undefined;
      acme?: AcmeProblem | undefined;
      retryable?: boolean;
    } = {},
  ) {
    const { status, title } = PROBLEM_CATALOGUE[code];
    const retryAfter = opts.retryAfterSeconds;
    super({
      status,
      code,
      title,
      detail,
      headers: retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) },
      extensions: {
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
        ...(opts.acme === undefined ? {} : { acmeType: opts.acme.type, caDetail: opts.acme.detail }),
      },
      cause: opts.acme,
    });
    this.retryable = opts.retryable ?? (code === 'acme-rate-limited' || code === 'acme-unavailable');
    this.retryAfterSeconds = retryAfter;
  }
}

/** The TXT record was looked up and not found or wrong: a DNS setup matter, not a CA refusal. */
const NOT_VISIBLE = /\bTXT\b|DNS challenge|NXDOMAIN|SERVFAIL|no valid .* records/i;

/** Maps a problem the CA answered to a request (new order, finalize, …). */
export function fromAcmeProblem(problem: AcmeProblem): AcmeError {
  const ca = `The CA said: ${problem.type}: ${problem.detail}`;
  switch (problem.type) {
    case 'rateLimited':
      return new AcmeError('acme-rate-limited', `${ca}. Retry after the time given.`, {
        acme: problem,
        retryAfterSeconds: problem.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_RETRY,
      });
    case 'caa':
      return caaForbidden(problem);
    case 'connection':
    case 'serverInternal':
      if (problem.status === 0 || problem.status >= 500 || problem.type === 'serverInternal') {
        return new AcmeError('acme-unavailable', `${ca}. Retrying later.`, {
          acme: problem,
          retryAfterSeconds: problem.retryAfterSeconds,
        });
      }
      break;
  }
  if (problem.status >= 500) {
    return new AcmeError('acme-unavailable', `${ca}. Retrying later.`, {
      acme: problem,
      retryAfterSeconds: problem.retryAfterSeconds,
    });
  }
  return new AcmeError('acme-order-failed', ca, { acme: problem });
}

/** Maps the error a failed challenge carries (authorization `invalid`). */
export function fromChallengeError(problem: AcmeProblem, domain: string): AcmeError {
  if (problem.type === 'caa') return caaForbidden(problem);
  if (problem.type === 'rateLimited') return fromAcmeProblem(problem);
  const ca = `The CA could not validate ${domain}: ${problem.type}: ${problem.detail}`;
  if (NOT_VISIBLE.test(problem.detail)) {
    return new AcmeError(
      'acme-challenge-not-visible',
      `${ca}. Check that _acme-challenge.${domain} is a CNAME to the label shown in dnsRecords; a new order is placed once it resolves.`,
      { acme: problem, retryable: true },
    );
  }
  return new AcmeError('acme-challenge-failed', ca, { acme: problem });
}

function caaForbidden(problem: AcmeProblem): AcmeError {
  return new AcmeError(
    'acme-caa-forbidden',
    `The CA said: ${problem.detail}. Add a CAA record allowing this CA (or remove the restricting one), then retry.`,
    { acme: problem },
  );
}
