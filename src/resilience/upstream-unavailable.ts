// The answer while a circuit is open: 503 with Retry-After, and no OSS request made.
import { ProblemError } from '../errors/problem.ts';

export const UPSTREAM_UNAVAILABLE = 'upstream-unavailable';

export function upstreamUnavailable(region: string, retryAfterMs: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProblemError({
    status: 503,
    code: UPSTREAM_UNAVAILABLE,
    title: 'OSS temporarily unavailable',
    detail: `OSS in ${region} failed repeatedly, so the service stopped calling it for a moment to let it recover; nothing was changed. Retry after the number of seconds in Retry-After.`,
    headers: { 'retry-after': String(seconds) },
    extensions: { region, retryAfterSeconds: seconds },
  });
}
