// The expiry watch of certificates bound through /cnames (docs/domains.md#expiry-watch):
// - certificate_watch: one row per bucket a certificate was bound on through /cnames, due at
//   `next_check_at`, claimed with a lease like managed domains; every write is conditional on `version`;
// - certificate_warnings: per bound certificate (bucket, domain), which warning thresholds were raised for
//   it (`warned`, JSON), written in the transaction that writes their events.
import type { Migration } from './types.ts';

export const certificateWatch: Migration = {
  version: 8,
  name: 'certificate watch',
  statements: () => [
    `CREATE TABLE certificate_watch (
      bucket TEXT PRIMARY KEY,
      next_check_at BIGINT NOT NULL,
      lease_owner TEXT,
      lease_until BIGINT,
      version INTEGER NOT NULL,
      registered_at BIGINT NOT NULL,
      checked_at BIGINT
    )`,
    'CREATE INDEX certificate_watch_due ON certificate_watch (next_check_at)',
    `CREATE TABLE certificate_warnings (
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      certificate TEXT NOT NULL,
      not_after BIGINT NOT NULL,
      warned TEXT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, domain)
    )`,
  ],
};
