// The token_shares table: which API key asked for each live ownership token of a bucket, so one key's
// share of OSS's 1,000 tokens per bucket can be held to TOKENS_PER_KEY_PER_BUCKET on every replica
// (issue 19, F7). A claim is a count and an insert made whole by first taking the key's row in
// token_share_locks (a row lock on PostgreSQL; SQLite's transactions are serial anyway).
import type { Queryable, Store } from './types.ts';

export type ShareClaim = { ok: true } | { ok: false; held: number; oldestExpiresAt: number };

export interface ShareRef {
  bucket: string;
  domain: string;
  keyId: string;
}

type CountRow = { held: number | string; oldest: number | string | null };

export class TokenShares {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Records `ref` as the key's token until `expiresAt`, unless the key holds `limit` other live ones. */
  claim(ref: ShareRef, limit: number, now: number, expiresAt: number): Promise<ShareClaim> {
    return this.#store.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO token_share_locks (bucket, key_id, taken_at) VALUES ($1, $2, $3)
         ON CONFLICT (bucket, key_id) DO UPDATE SET taken_at = excluded.taken_at`,
        [ref.bucket, ref.keyId, now],
      );
      await tx.run('DELETE FROM token_shares WHERE bucket = $1 AND key_id = $2 AND expires_at <= $3', [
        ref.bucket,
        ref.keyId,
        now,
      ]);
      const count = await countOthers(tx, ref, now);
      if (count.held >= limit) return { ok: false, ...count };
      await tx.run(
        `INSERT INTO token_shares (bucket, domain, key_id, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (bucket, domain) DO UPDATE SET key_id = excluded.key_id, expires_at = excluded.expires_at`,
        [ref.bucket, ref.domain, ref.keyId, expiresAt],
      );
      return { ok: true };
    });
  }

  /** What a claim would answer, changing nothing (dry runs). */
  async peek(ref: ShareRef, limit: number, now: number): Promise<ShareClaim> {
    const count = await countOthers(this.#store, ref, now);
    return count.held >= limit ? { ok: false, ...count } : { ok: true };
  }

  /** The token OSS created expires at `expiresAt` (the claim guessed 72 h from the request). */
  async settle(ref: ShareRef, expiresAt: number): Promise<void> {
    await this.#store.run(
      'UPDATE token_shares SET expires_at = $1 WHERE bucket = $2 AND domain = $3 AND key_id = $4',
      [expiresAt, ref.bucket, ref.domain, ref.keyId],
    );
  }

  /** The domains' tokens stop counting: bound, unbound, or never created. Resolves with the rows dropped. */
  async release(bucket: string, domains: readonly string[]): Promise<number> {
    let dropped = 0;
    // A bucket binds at most 100 domains: one statement each 100.
    for (let start = 0; start < domains.length; start += 100) {
      const chunk = domains.slice(start, start + 100);
      const list = chunk.map((_, i) => `$${i + 2}`).join(', ');
      dropped += await this.#store.run(`DELETE FROM token_shares WHERE bucket = $1 AND domain IN (${list})`, [
        bucket,
        ...chunk,
      ]);
    }
    return dropped;
  }

  /** Deletes rows of expired tokens (hourly, with the other pruning). */
  prune(now: number): Promise<number> {
    return this.#store.run('DELETE FROM token_shares WHERE expires_at <= $1', [now]);
  }
}

async function countOthers(
  db: Queryable,
  ref: ShareRef,
  now: number,
): Promise<{ held: number; oldestExpiresAt: number }> {
  const [row] = await db.query<CountRow>(
    `SELECT COUNT(*) AS held, MIN(expires_at) AS oldest FROM token_shares
     WHERE bucket = $1 AND key_id = $2 AND expires_at > $3 AND domain <> $4`,
    [ref.bucket, ref.keyId, now, ref.domain],
  );
  return { held: Number(row?.held ?? 0), oldestExpiresAt: Number(row?.oldest ?? now) };
}
