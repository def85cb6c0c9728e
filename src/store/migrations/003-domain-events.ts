// The outbox of domain events: written in the same transaction as the domain change it reports, read by
// the webhook deliveries afterwards. `seq` orders events; `id` is the stable webhook-id of every delivery.
import type { Migration } from './types.ts';

export const domainEvents: Migration = {
  version: 3,
  name: 'domain events',
  statements: (kind) => [
    `CREATE TABLE domain_events (
      seq ${kind === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
      id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      occurred_at BIGINT NOT NULL,
      data TEXT NOT NULL
    )`,
    'CREATE INDEX domain_events_bucket_domain ON domain_events (bucket, domain, seq)',
  ],
};
