// Idempotency-Key records: one row per (API key id, Idempotency-Key). `claim` names the request that holds
// the row while it runs; `lease_until` frees it when that process died. The stored body is encrypted.
import type { Migration } from './types.ts';

export const idempotency: Migration = {
  version: 1,
  name: 'idempotency keys',
  statements: () => [
    `CREATE TABLE idempotency_keys (
      key_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      claim TEXT NOT NULL,
      state TEXT NOT NULL,
      lease_until BIGINT NOT NULL,
      status INTEGER,
      headers TEXT,
      body TEXT,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (key_id, idempotency_key)
    )`,
    'CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)',
  ],
};
