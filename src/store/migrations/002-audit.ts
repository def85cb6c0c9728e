// The audit log: append-only, one row per write request or change the service makes by itself. `seq`
// orders rows (newest first) and backs the cursor; lists are stored as JSON text on both engines.
import type { Migration } from './types.ts';

export const audit: Migration = {
  version: 2,
  name: 'audit log',
  statements: (kind) => [
    `CREATE TABLE audit_log (
      seq ${kind === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
      id TEXT NOT NULL UNIQUE,
      time BIGINT NOT NULL,
      actor TEXT NOT NULL,
      actor_reason TEXT,
      request_id TEXT,
      action TEXT NOT NULL,
      method TEXT,
      route TEXT,
      status INTEGER,
      bucket TEXT,
      domain TEXT,
      outcome TEXT NOT NULL,
      oss_request_ids TEXT NOT NULL,
      certificate_before TEXT,
      certificate_after TEXT,
      idempotency_key TEXT,
      dry_run INTEGER NOT NULL
    )`,
    'CREATE INDEX audit_log_time ON audit_log (time)',
    'CREATE INDEX audit_log_bucket_domain ON audit_log (bucket, domain)',
  ],
};
