// The answer to a write while the database cannot take it: 503 store-unavailable with Retry-After, so
// clients retry rather than report a bug. It lives with the problems, not in src/store: the store's own
// modules stay free of the problem catalogue (and zod), so they load on their own.
import { type ProblemError, problem } from './problem.ts';

export const STORE_RETRY_AFTER_SECONDS = 5;

export function storeUnavailable(cause: unknown): ProblemError {
  return problem(
    'store-unavailable',
    `The service cannot reach its database, so it accepts no writes; retry after ${STORE_RETRY_AFTER_SECONDS} s. Reads keep working.`,
    {
      headers: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
      cause,
    },
  );
}
