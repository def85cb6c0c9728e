// Webhook subscriptions (secrets sealed with SECRETS_KEY, never in clear), one delivery row per
// (subscription, event) and the fan-out cursor over domain_events. A delivery's id is its event's id: the
// webhook-id, stable across retries. `lease_owner`/`lease_until` let one replica at a time try a delivery
// and let another take it over when that one died mid-attempt.
import type { Migration } from './types.ts';

export const webhooks: Migration = {
  version: 6,
  name: 'webhooks',
  statements: () => [
    `CREATE TABLE webhook_subscriptions (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      buckets TEXT NOT NULL,
      creator_key_id TEXT NOT NULL,
      secret_sealed TEXT NOT NULL,
      previous_secret_sealed TEXT,
      previous_expires_at BIGINT,
      secret_rotated_at BIGINT,
      status TEXT NOT NULL,
      disabled_reason TEXT,
      created_at BIGINT NOT NULL
    )`,
    `CREATE TABLE webhook_deliveries (
      subscription_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_seq BIGINT NOT NULL,
      event_type TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_at BIGINT,
      lease_owner TEXT,
      lease_until BIGINT,
      last_attempt_at BIGINT,
      last_status INTEGER,
      last_error_code TEXT,
      last_error_detail TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (subscription_id, event_id)
    )`,
    'CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)',
    'CREATE INDEX webhook_deliveries_listing ON webhook_deliveries (subscription_id, event_seq)',
    'CREATE TABLE webhook_cursor (name TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)',
    "INSERT INTO webhook_cursor (name, last_seq) VALUES ('fanout', 0)",
  ],
};
