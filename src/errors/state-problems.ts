// Problems of the durable state: the Idempotency-Key protocol and a store that does not answer.
import type { ProblemDefinition } from './problem-definition.ts';

const IDEMPOTENCY = 'docs/state.md#what-is-stored';

export const STATE_PROBLEMS = {
  'invalid-idempotency-key': {
    status: 400,
    title: 'Invalid Idempotency-Key',
    meaning:
      '`Idempotency-Key` is not 1-255 visible ASCII characters (bare or a quoted string), or was sent twice',
    action: 'Send one valid key',
    docs: IDEMPOTENCY,
  },
  'idempotency-key-in-use': {
    status: 409,
    title: 'Idempotency-Key in use',
    meaning: 'A request with this `Idempotency-Key` is still running',
    action: 'Retry after `Retry-After` to get its answer',
    docs: IDEMPOTENCY,
    retryAfter: 'always',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key reused',
    meaning: 'The `Idempotency-Key` was used for another request (method, path, query or body)',
    action: 'Use a new key for a new request',
    docs: IDEMPOTENCY,
  },
  'store-unavailable': {
    status: 503,
    title: 'State store unavailable',
    meaning:
      "The service's database does not answer; writes are refused before any effect, reads of OSS keep working",
    action: 'Wait `Retry-After` seconds',
    docs: 'docs/state.md#when-the-store-is-down',
    retryAfter: 'always',
  },
} as const satisfies Record<string, ProblemDefinition>;
