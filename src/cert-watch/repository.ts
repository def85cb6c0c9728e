// The watch's rows. A bucket is registered (due now) by every certificate write through /cnames, claimed
// by one replica at a time with a lease (store/claim-due.ts), and its pass is written in one transaction,
// conditional on the version claimed: the warning states and the events that report them land together, or
// not at all.
import { appendEvents } from '../events/index.ts';
import { claimDue, type LeasedTable, type Queryable, type Store } from '../store/index.ts';
import type { BucketPlan, WarningState } from './plan.ts';

export interface ClaimedBucket {
  bucket: string;
  version: number;
  registeredAt: Date;
}

interface WatchRow extends Record<string, unknown> {
  bucket: string;
  version: number | string;
  registered_at: number | string;
}

interface WarningRow extends Record<string, unknown> {
  domain: string;
  certificate: string;
  not_after: number | string;
  warned: string;
}

const LEASED: LeasedTable = {
  table: 'certificate_watch',
  key: 'bucket',
  returning: 'bucket, version, registered_at',
};

class Lost extends Error {}

export class CertificateWatchRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /**
   * Watch `bucket` from `dueAt` on (or sooner, if it was due sooner already). A pass in flight on it loses
   * its write (the version moves) and the bucket runs again.
   */
  async register(bucket: string, dueAt: Date, now: Date): Promise<void> {
    await this.#store.run(
      `INSERT INTO certificate_watch (bucket, next_check_at, lease_owner, lease_until, version, registered_at)
       VALUES ($1, $2, NULL, NULL, 1, $3)
       ON CONFLICT (bucket) DO UPDATE SET registered_at = $3, version = certificate_watch.version + 1,
         next_check_at = CASE WHEN certificate_watch.next_check_at < $2 THEN certificate_watch.next_check_at ELSE $2 END`,
      [bucket, dueAt.getTime(), now.getTime()],
    );
  }

  async claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<ClaimedBucket[]> {
    const rows = await claimDue<WatchRow>(this.#store, LEASED, { now, limit, owner, leaseMs });
    return rows.map((r) => ({
      bucket: r.bucket,
      version: Number(r.version),
      registeredAt: new Date(Number(r.registered_at)),
    }));
  }

  async remembered(bucket: string): Promise<WarningState[]> {
    const rows = await this.#store.query<WarningRow>(
      'SELECT domain, certificate, not_after, warned FROM certificate_warnings WHERE bucket = $1',
      [bucket],
    );
    return rows.map((r) => ({
      domain: r.domain,
      certificate: r.certificate,
      notAfter: new Date(Number(r.not_after)),
      warned: JSON.parse(r.warned) as number[],
    }));
  }

  /**
   * Writes the pass if the bucket is still at the version claimed and still leased to `owner`; `end`
   * stops watching it. False (nothing written) when a registration or another replica got there first.
   */
  async commit(
    claimed: ClaimedBucket,
    owner: string,
    plan: BucketPlan,
    now: Date,
    end: boolean,
  ): Promise<boolean> {
    try {
      return await this.#store.transaction(async (tx) => {
        const changed = end
          ? await tx.run(
              'DELETE FROM certificate_watch WHERE bucket = $1 AND version = $2 AND lease_owner = $3',
              [claimed.bucket, claimed.version, owner],
            )
          : await tx.run(
              `UPDATE certificate_watch SET next_check_at = $1, checked_at = $2, version = version + 1,
                 lease_owner = NULL, lease_until = NULL
               WHERE bucket = $3 AND version = $4 AND lease_owner = $5`,
              [plan.nextCheckAt.getTime(), now.getTime(), claimed.bucket, claimed.version, owner],
            );
        if (changed === 0) throw new Lost();
        await this.#write(tx, claimed.bucket, plan, now);
        await appendEvents(tx, plan.events);
        return true;
      });
    } catch (error) {
      if (error instanceof Lost) return false;
      throw error;
    }
  }

  async #write(tx: Queryable, bucket: string, plan: BucketPlan, now: Date): Promise<void> {
    for (const domain of plan.forget) {
      await tx.run('DELETE FROM certificate_warnings WHERE bucket = $1 AND domain = $2', [bucket, domain]);
    }
    for (const w of plan.save) {
      await tx.run(
        `INSERT INTO certificate_warnings (bucket, domain, certificate, not_after, warned, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (bucket, domain) DO UPDATE SET certificate = $3, not_after = $4, warned = $5, updated_at = $6`,
        [bucket, w.domain, w.certificate, w.notAfter.getTime(), JSON.stringify(w.warned), now.getTime()],
      );
    }
  }

  /** Gives a claimed bucket back, due again at `nextCheckAt` (OSS failed; a lost write). */
  async release(bucket: string, owner: string, nextCheckAt?: Date): Promise<void> {
    if (nextCheckAt === undefined) {
      await this.#store.run(
        'UPDATE certificate_watch SET lease_owner = NULL, lease_until = NULL WHERE bucket = $1 AND lease_owner = $2',
        [bucket, owner],
      );
      return;
    }
    await this.#store.run(
      `UPDATE certificate_watch SET lease_owner = NULL, lease_until = NULL, next_check_at = $3
       WHERE bucket = $1 AND lease_owner = $2`,
      [bucket, owner, nextCheckAt.getTime()],
    );
  }

  /** Stops watching a bucket that no longer exists, with what was remembered of it. */
  async drop(claimed: ClaimedBucket, owner: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const changed = await tx.run(
        'DELETE FROM certificate_watch WHERE bucket = $1 AND version = $2 AND lease_owner = $3',
        [claimed.bucket, claimed.version, owner],
      );
      if (changed > 0) await tx.run('DELETE FROM certificate_warnings WHERE bucket = $1', [claimed.bucket]);
    });
  }
}
