// The delivery rows: created by the fan-out, claimed by one worker at a time with a lease (a conditional
// UPDATE, so it works the same on both engines and across replicas), settled after each attempt.
import type { DomainEventType } from '../domains/states.ts';
import type { Queryable, Store } from '../store/index.ts';
import type { DeliveryState } from './schedule.ts';

export interface DeliveryRecord {
  subscriptionId: string;
  /** The event's id: the delivery's id and its webhook-id. */
  eventId: string;
  eventSeq: number;
  eventType: DomainEventType;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: { code: string; detail: string } | null;
  createdAt: Date;
}

interface DeliveryRow extends Record<string, unknown> {
  subscription_id: string;
  event_id: string;
  event_seq: number | string;
  event_type: string;
  status: string;
  attempts: number | string;
  next_attempt_at: number | string | null;
  last_attempt_at: number | string | null;
  last_status: number | string | null;
  last_error_code: string | null;
  last_error_detail: string | null;
  created_at: number | string;
}

const COLUMNS =
  'subscription_id, event_id, event_seq, event_type, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error_code, last_error_detail, created_at';
const time = (v: number | string | null) => (v === null ? null : new Date(Number(v)));

export interface Settlement {
  state: DeliveryState;
  nextAttemptAt: Date | null;
  status: number | null;
  error: { code: string; detail: string } | null;
}

export class WebhookDeliveries {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** One pending row per (subscription, event); a second insert of the same pair changes nothing. */
  async add(
    q: Queryable,
    row: { subscriptionId: string; eventId: string; eventSeq: number; eventType: string },
    now: Date,
  ): Promise<void> {
    await q.run(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_seq, event_type, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5, $5) ON CONFLICT DO NOTHING`,
      [row.subscriptionId, row.eventId, row.eventSeq, row.eventType, now.getTime()],
    );
  }

  /** Due deliveries of active subscriptions that no live lease holds, oldest first. */
  async due(now: Date, limit: number): Promise<{ subscriptionId: string; eventId: string }[]> {
    const rows = await this.store.query<{ subscription_id: string; event_id: string }>(
      `SELECT d.subscription_id, d.event_id FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id
       WHERE d.status = 'pending' AND s.status = 'active' AND d.next_attempt_at <= $1
         AND (d.lease_until IS NULL OR d.lease_until <= $1)
       ORDER BY d.next_attempt_at, d.event_seq LIMIT $2`,
      [now.getTime(), limit],
    );
    return rows.map((r) => ({ subscriptionId: r.subscription_id, eventId: r.event_id }));
  }

  /**
   * Takes a due delivery for `owner` until `leaseUntil` and counts the attempt; the attempt number, or
   * undefined when another worker holds it or it is no longer due. A worker that dies holding it loses it
   * when the lease runs out, and the next one sends it again with the same webhook-id.
   */
  async claim(
    key: { subscriptionId: string; eventId: string },
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<number | undefined> {
    const rows = await this.store.query<{ attempts: number | string }>(
      `UPDATE webhook_deliveries SET lease_owner = $3, lease_until = $4, attempts = attempts + 1, updated_at = $5
       WHERE subscription_id = $1 AND event_id = $2 AND status = 'pending' AND next_attempt_at <= $5
         AND (lease_until IS NULL OR lease_until <= $5)
       RETURNING attempts`,
      [key.subscriptionId, key.eventId, owner, leaseUntil.getTime(), now.getTime()],
    );
    return rows[0] === undefined ? undefined : Number(rows[0].attempts);
  }

  /** Records an attempt's outcome; false when the lease was lost meanwhile (another worker took over). */
  async settle(
    q: Queryable,
    key: { subscriptionId: string; eventId: string },
    owner: string,
    outcome: Settlement,
    at: Date,
  ): Promise<boolean> {
    const changed = await q.run(
      `UPDATE webhook_deliveries SET status = $4, next_attempt_at = $5, lease_owner = NULL, lease_until = NULL,
         last_attempt_at = $6, last_status = $7, last_error_code = $8, last_error_detail = $9, updated_at = $6
       WHERE subscription_id = $1 AND event_id = $2 AND lease_owner = $3`,
      [
        key.subscriptionId,
        key.eventId,
        owner,
        outcome.state,
        outcome.nextAttemptAt?.getTime() ?? null,
        at.getTime(),
        outcome.status,
        outcome.error?.code ?? null,
        outcome.error?.detail ?? null,
      ],
    );
    return changed > 0;
  }

  /** Queues a delivery again, now, with a fresh schedule; false when there is no such delivery. */
  async redeliver(key: { subscriptionId: string; eventId: string }, now: Date): Promise<boolean> {
    const changed = await this.store.run(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3, lease_owner = NULL,
         lease_until = NULL, updated_at = $3 WHERE subscription_id = $1 AND event_id = $2`,
      [key.subscriptionId, key.eventId, now.getTime()],
    );
    return changed > 0;
  }

  async get(key: { subscriptionId: string; eventId: string }): Promise<DeliveryRecord | undefined> {
    const [row] = await this.store.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2`,
      [key.subscriptionId, key.eventId],
    );
    return row === undefined ? undefined : toRecord(row);
  }

  /** A subscription's deliveries, newest event first, before `beforeSeq` when paging. */
  async list(subscriptionId: string, limit: number, beforeSeq?: number): Promise<DeliveryRecord[]> {
    const rows = await this.store.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 AND event_seq < $2
       ORDER BY event_seq DESC LIMIT $3`,
      [subscriptionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventSeq: Number(row.event_seq),
    eventType: row.event_type as DomainEventType,
    state: row.status as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: time(row.next_attempt_at),
    lastAttemptAt: time(row.last_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, detail: row.last_error_detail ?? '' },
    createdAt: new Date(Number(row.created_at)),
  };
}
