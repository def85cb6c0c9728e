// The problems of the Idempotency-Key protocol; codes are documented in the README's error table.
import { ProblemError } from '../errors/problem.ts';

export function invalidIdempotencyKey(): ProblemError {
  return new ProblemError({
    status: 400,
    code: 'invalid-idempotency-key',
    title: 'Invalid Idempotency-Key',
    detail:
      'Send Idempotency-Key once, as 1-255 visible ASCII characters, bare or as a quoted string ("8e03978e-…").',
  });
}

export function idempotencyKeyInUse(retryAfterSeconds: number): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'idempotency-key-in-use',
    title: 'Idempotency-Key in use',
    detail: `A request with this Idempotency-Key is still running; retry after ${retryAfterSeconds} s to get its answer.`,
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

export function idempotencyKeyReused(): ProblemError {
  return new ProblemError({
    status: 422,
    code: 'idempotency-key-reused',
    title: 'Idempotency-Key reused',
    detail:
      'This Idempotency-Key was used for a different request (method, path, query or body); use a new key for a new request.',
  });
}
