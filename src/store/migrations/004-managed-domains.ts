// Managed domains: one row per (bucket, domain), the truth the reconciler works from. The columns the
// claim and the lists filter on are kept beside the row itself (JSON text on both engines): the schedule
// (`next_check_at`), the lease of the replica working on it, and the version every write is conditional on.
import type { Migration } from './types.ts';

export const managedDomains: Migration = {
  version: 4,
  name: 'managed domains',
  statements: () => [
    `CREATE TABLE managed_domains (
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      status TEXT NOT NULL,
      ready INTEGER NOT NULL,
      next_check_at BIGINT,
      lease_owner TEXT,
      lease_until BIGINT,
      version INTEGER NOT NULL,
      row_json TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, domain)
    )`,
    'CREATE INDEX managed_domains_due ON managed_domains (next_check_at)',
  ],
};
