// Claiming due rows with a lease, the way every background worker of the service takes its share of work:
// FOR UPDATE SKIP LOCKED on PostgreSQL (replicas never wait on each other), a conditional UPDATE on SQLite
// (one process per DATA_DIR, its transactions serialized). A row is due when `next_check_at` has come and
// its lease is free or expired.
import type { Row, Store } from './types.ts';

export interface LeasedTable {
  table: string;
  /** The key columns, comma-separated (`bucket` or `bucket, domain`). */
  key: string;
  /** The columns the claim answers with. */
  returning: string;
  /** A condition every due row meets besides its time, ANDed in front (`next_check_at IS NOT NULL`). */
  where?: string;
}

interface Claim {
  now: Date;
  limit: number;
  owner: string;
  leaseMs: number;
}

/** Takes up to `claim.limit` due rows of `leased` for `claim.owner` until now + leaseMs, earliest due first. */
export function claimDue<R extends Row>(store: Store, leased: LeasedTable, claim: Claim): Promise<R[]> {
  const t = claim.now.getTime();
  const lock = store.kind === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  const matched = leased.key.includes(',') ? `(${leased.key})` : leased.key;
  const also = leased.where === undefined ? '' : `${leased.where} AND `;
  return store.transaction((tx) =>
    tx.query<R>(
      `UPDATE ${leased.table} SET lease_owner = $1, lease_until = $2
         WHERE ${matched} IN (
           SELECT ${leased.key} FROM ${leased.table}
           WHERE ${also}next_check_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
           ORDER BY next_check_at LIMIT $4 ${lock})
         RETURNING ${leased.returning}`,
      [claim.owner, t + claim.leaseMs, t, claim.limit],
    ),
  );
}
