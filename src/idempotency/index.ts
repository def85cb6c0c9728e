// Idempotency-Key for the API's writes: parse, fingerprint, claim, replay (docs/state.md).
export { canonicalJson, fingerprint } from './fingerprint.ts';
export { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './header.ts';
export { default as idempotencyPlugin, REPLAYED_HEADER, WRITE_METHODS } from './plugin.ts';
export { IdempotencyRecords } from './records.ts';
