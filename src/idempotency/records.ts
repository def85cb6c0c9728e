// The idempotency_keys table: claim a key for one request (with a lease, so a dead process frees it),
// complete it with the sealed answer, release it when the request was refused before any effect.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.ts';

export type Claim =
  | { kind: 'run'; claim: string }
  | { kind: 'replay'; sealed: string }
  | { kind: 'in-use'; retryAfterSeconds: number }
  | { kind: 'reused' };

export interface KeyRef {
  keyId: string;
  idempotencyKey: string;
}

export interface RecordTimes {
  leaseMs: number;
  ttlMs: number;
  now: () => number;
}

type KeyRow = {
  fingerprint: string;
  claim: string;
  state: string;
  lease_until: number;
  body: string | null;
  expires_at: number;
};

const WHERE = 'key_id = $1 AND idempotency_key = $2';

export class IdempotencyRecords {
  readonly #store: Store;
  readonly #times: RecordTimes;

  constructor(store: Store, times: RecordTimes) {
    this.#store = store;
    this.#times = times;
  }

  async claim(ref: KeyRef, fingerprint: string): Promise<Claim> {
    const keys = [ref.keyId, ref.idempotencyKey];
    // Each pass either decides or changes the row another request holds; three passes settle any race.
    for (let pass = 0; pass < 3; pass++) {
      const now = this.#times.now();
      const claim = randomUUID();
      const inserted = await this.#store.run(
        `INSERT INTO idempotency_keys (key_id, idempotency_key, fingerprint, claim, state, lease_until, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'running', $5, $6, $7) ON CONFLICT (key_id, idempotency_key) DO NOTHING`,
        [...keys, fingerprint, claim, now + this.#times.leaseMs, now, now + this.#times.ttlMs],
      );
      if (inserted === 1) return { kind: 'run', claim };
      const [row] = await this.#store.query<KeyRow>(
        `SELECT fingerprint, claim, state, lease_until, body, expires_at FROM idempotency_keys WHERE ${WHERE}`,
        keys,
      );
      if (row === undefined) continue;
      if (row.expires_at <= now) {
        await this.#store.run(`DELETE FROM idempotency_keys WHERE ${WHERE} AND claim = $3`, [
          ...keys,
          row.claim,
        ]);
        continue;
      }
      if (row.fingerprint !== fingerprint) return { kind: 'reused' };
      if (row.state === 'done') return { kind: 'replay', sealed: row.body ?? '' };
      if (row.lease_until > now) {
        return { kind: 'in-use', retryAfterSeconds: Math.max(1, Math.ceil((row.lease_until - now) / 1000)) };
      }
      // The request that held it stopped renewing its lease: its process died. This retry runs instead.
      const taken = await this.#store.run(
        `UPDATE idempotency_keys SET claim = $3, lease_until = $4 WHERE ${WHERE} AND claim = $5 AND state = 'running'`,
        [...keys, claim, now + this.#times.leaseMs, row.claim],
      );
      if (taken === 1) return { kind: 'run', claim };
    }
    return { kind: 'in-use', retryAfterSeconds: 1 };
  }

  async renew(ref: KeyRef, claim: string): Promise<void> {
    await this.#store.run(
      `UPDATE idempotency_keys SET lease_until = $3 WHERE ${WHERE} AND claim = $4 AND state = 'running'`,
      [ref.keyId, ref.idempotencyKey, this.#times.now() + this.#times.leaseMs, claim],
    );
  }

  async complete(ref: KeyRef, claim: string, status: number, sealed: string): Promise<void> {
    await this.#store.run(
      `UPDATE idempotency_keys SET state = 'done', status = $3, body = $4, lease_until = 0 WHERE ${WHERE} AND claim = $5`,
      [ref.keyId, ref.idempotencyKey, status, sealed, claim],
    );
  }

  async release(ref: KeyRef, claim: string): Promise<void> {
    await this.#store.run(`DELETE FROM idempotency_keys WHERE ${WHERE} AND claim = $3`, [
      ref.keyId,
      ref.idempotencyKey,
      claim,
    ]);
  }

  /** Removes expired keys; returns how many. */
  prune(): Promise<number> {
    return this.#store.run('DELETE FROM idempotency_keys WHERE expires_at <= $1', [this.#times.now()]);
  }
}
