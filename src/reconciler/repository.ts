// Managed-domain rows in the store. Every write is conditional on the version the writer read, and writes
// the events it reports in the same transaction (the outbox). The reconciler claims due rows with a lease
// (store/claim-due.ts).
import { type DomainEvent, type DomainRow, type DomainStatus, isReady } from '../domains/index.ts';
import { appendEvents } from '../events/index.ts';
import {
  claimDue,
  type EngineKind,
  type LeasedTable,
  type Queryable,
  type SqlValue,
  type Store,
} from '../store/index.ts';
import { decodeRow, encodeRow } from './row-codec.ts';

interface Stored extends Record<string, unknown> {
  row_json: string;
  lease_owner: string | null;
  lease_until: number | string | null;
  version: number | string;
}

export interface ListFilter {
  status?: DomainStatus | undefined;
  ready?: boolean | undefined;
  limit: number;
  /** The last domain of the previous page. */
  after?: string | undefined;
}

const COLUMNS = 'row_json, lease_owner, lease_until, version';

function toRow(stored: Stored): DomainRow {
  return decodeRow(stored.row_json, {
    leaseOwner: stored.lease_owner,
    leaseUntil: stored.lease_until === null ? null : Number(stored.lease_until),
    version: Number(stored.version),
  });
}

const LEASED: LeasedTable = {
  table: 'managed_domains',
  key: 'bucket, domain',
  returning: COLUMNS,
  where: 'next_check_at IS NOT NULL',
};

/** The columns a write derives from the row, in the order both insert and save bind them. */
function stateValues(row: DomainRow, now: Date): SqlValue[] {
  return [row.status, isReady(row, now) ? 1 : 0, ms(row.nextCheckAt), row.version, encodeRow(row)];
}

const ms = (date: Date | null): number | null => (date === null ? null : date.getTime());

export class DomainRepository {
  readonly #store: Store;

  /** The store's engine, named in the reconciler's trace spans. */
  get engine(): EngineKind {
    return this.#store.kind;
  }

  constructor(store: Store) {
    this.#store = store;
  }

  /** Inserts a new row with its events; undefined when the domain is already managed on the bucket. */
  async insert(row: DomainRow, events: readonly DomainEvent[], now: Date): Promise<DomainRow | undefined> {
    return this.#store.transaction(async (tx) => {
      const changed = await tx.run(
        `INSERT INTO managed_domains (bucket, domain, status, ready, next_check_at, lease_owner, lease_until, version, row_json, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $9) ON CONFLICT (bucket, domain) DO NOTHING`,
        [row.bucket, row.domain, ...stateValues(row, now), row.createdAt.getTime(), row.updatedAt.getTime()],
      );
      if (changed === 0) return undefined;
      await appendEvents(tx, events);
      return row;
    });
  }

  async get(bucket: string, domain: string, q: Queryable = this.#store): Promise<DomainRow | undefined> {
    const [stored] = await q.query<Stored>(
      `SELECT ${COLUMNS} FROM managed_domains WHERE bucket = $1 AND domain = $2`,
      [bucket, domain],
    );
    return stored === undefined ? undefined : toRow(stored);
  }

  /** One page ordered by domain; one row more than `limit` is read to tell whether another page follows. */
  async list(bucket: string, filter: ListFilter): Promise<{ rows: DomainRow[]; more: boolean }> {
    const where = ['bucket = $1'];
    const params: (string | number)[] = [bucket];
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.ready !== undefined) {
      params.push(filter.ready ? 1 : 0);
      where.push(`ready = $${params.length}`);
    }
    if (filter.after !== undefined) {
      params.push(filter.after);
      where.push(`domain > $${params.length}`);
    }
    params.push(filter.limit + 1);
    const rows = await this.#store.query<Stored>(
      `SELECT ${COLUMNS} FROM managed_domains WHERE ${where.join(' AND ')} ORDER BY domain LIMIT $${params.length}`,
      params,
    );
    return { rows: rows.slice(0, filter.limit).map(toRow), more: rows.length > filter.limit };
  }

  /** Takes up to `limit` due rows whose lease is free (or expired) for `owner` until now + leaseMs. */
  async claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<DomainRow[]> {
    const rows = await claimDue<Stored>(this.#store, LEASED, { now, limit, owner, leaseMs });
    return rows.map(toRow);
  }

  /**
   * Writes `row` and its events if the stored version is still `expectedVersion`; false when someone
   * else changed it first, or (with `releaseOwner`) another replica took the lease over: nothing is written
   * then. `releaseOwner` frees the writer's lease with the write.
   */
  async save(
    row: DomainRow,
    events: readonly DomainEvent[],
    expectedVersion: number,
    now: Date,
    options: { releaseOwner?: string } = {},
  ): Promise<boolean> {
    const release = options.releaseOwner !== undefined;
    return this.#store.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE managed_domains SET status = $1, ready = $2, next_check_at = $3, version = $4, row_json = $5,
           updated_at = $6 ${release ? ', lease_owner = NULL, lease_until = NULL' : ''}
         WHERE bucket = $7 AND domain = $8 AND version = $9 ${release ? 'AND lease_owner = $10' : ''}`,
        [
          ...stateValues(row, now),
          row.updatedAt.getTime(),
          row.bucket,
          row.domain,
          expectedVersion,
          ...(release ? [options.releaseOwner ?? ''] : []),
        ],
      );
      if (changed === 0) return false;
      await appendEvents(tx, events);
      return true;
    });
  }

  /** Deletes the row (the end of `deleting`) with its domain.deleted event, if still at `expectedVersion`. */
  async remove(row: DomainRow, events: readonly DomainEvent[], expectedVersion: number): Promise<boolean> {
    return this.#store.transaction(async (tx) => {
      const changed = await tx.run(
        'DELETE FROM managed_domains WHERE bucket = $1 AND domain = $2 AND version = $3',
        [row.bucket, row.domain, expectedVersion],
      );
      if (changed === 0) return false;
      await appendEvents(tx, events);
      return true;
    });
  }

  /** Extends every lease `owner` holds (its heartbeat while a pass runs); answers how many it holds. */
  renewLeases(owner: string, until: Date): Promise<number> {
    return this.#store.run('UPDATE managed_domains SET lease_until = $1 WHERE lease_owner = $2', [
      until.getTime(),
      owner,
    ]);
  }

  /**
   * Extends `owner`'s lease on one row, right before a write to OSS: false when another replica claimed
   * the row since. A claim takes the row only once its lease has passed, so after a true answer no other
   * replica can act on the row for the next lease period.
   */
  async confirmLease(bucket: string, domain: string, owner: string, until: Date): Promise<boolean> {
    const updated = await this.#store.run(
      'UPDATE managed_domains SET lease_until = $1 WHERE bucket = $2 AND domain = $3 AND lease_owner = $4',
      [until.getTime(), bucket, domain, owner],
    );
    return updated > 0;
  }

  /** Gives a claimed row back without changing it (nothing to write, or a write lost to another writer). */
  async release(bucket: string, domain: string, owner: string): Promise<void> {
    await this.#store.run(
      'UPDATE managed_domains SET lease_owner = NULL, lease_until = NULL WHERE bucket = $1 AND domain = $2 AND lease_owner = $3',
      [bucket, domain, owner],
    );
  }
}
