// The problems of the Idempotency-Key protocol; codes are in the catalogue (src/errors/problems/state.json).
import { type ProblemError, problem } from '../errors/problem.ts';

export function invalidIdempotencyKey(): ProblemError {
  return problem(
    'invalid-idempotency-key',
    'Send Idempotency-Key once, as 1-255 visible ASCII characters, bare or as a quoted string ("8e03978e-…").',
  );
}

export function idempotencyKeyInUse(retryAfterSeconds: number): ProblemError {
  return problem(
    'idempotency-key-in-use',
    `A request with this Idempotency-Key is still running; retry after ${retryAfterSeconds} s to get its answer.`,
    { headers: { 'retry-after': String(retryAfterSeconds) }, extensions: { retryAfterSeconds } },
  );
}

export function idempotencyKeyReused(): ProblemError {
  return problem(
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request (method, path, query or body); use a new key for a new request.',
  );
}
