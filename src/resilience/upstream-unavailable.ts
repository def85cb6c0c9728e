// The answer while a circuit is open: 503 with Retry-After, and no OSS request made.
import { type ProblemError, problem } from '../errors/problem.ts';

export function upstreamUnavailable(region: string, retryAfterMs: number): ProblemError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return problem(
    'upstream-unavailable',
    `OSS in ${region} failed repeatedly, so the service stopped calling it for a moment to let it recover; nothing was changed. Retry after the number of seconds in Retry-After.`,
    { headers: { 'retry-after': String(seconds) }, extensions: { region, retryAfterSeconds: seconds } },
  );
}
