// Which API key asked for each live ownership token, so one key's share of a bucket's 1,000 OSS tokens
// can be counted across replicas and restarts (issue 19, F7). `token_share_locks` holds one row per
// (bucket, key): taking it first makes a count-then-insert whole on PostgreSQL too.
import type { Migration } from './types.ts';

export const tokenShares: Migration = {
  version: 7,
  name: 'token-shares',
  statements: () => [
    `CREATE TABLE token_shares (
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      key_id TEXT NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, domain)
    )`,
    'CREATE INDEX token_shares_by_key ON token_shares (bucket, key_id, expires_at)',
    `CREATE TABLE token_share_locks (
      bucket TEXT NOT NULL,
      key_id TEXT NOT NULL,
      taken_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, key_id)
    )`,
  ],
};
