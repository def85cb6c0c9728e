// Domain events in the outbox table. Appended inside the transaction that changes the domain (so an event
// exists exactly when its change does), read in order by whoever delivers them.
import { randomUUID } from 'node:crypto';
import type { DomainEventType } from '../domains/index.ts';
import type { Queryable } from '../store/index.ts';

export interface StoredEvent {
  seq: number;
  /** `msg_…`: the webhook-id of every delivery of this event, stable across retries. */
  id: string;
  type: DomainEventType;
  bucket: string;
  domain: string;
  occurredAt: Date;
  /** The domain resource after the change, as the webhook body's `data`. */
  data: unknown;
}

interface EventRow extends Record<string, unknown> {
  seq: number | string;
  id: string;
  type: string;
  bucket: string;
  domain: string;
  occurred_at: number | string;
  data: string;
}

export function newEventId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/**
 * What the outbox stores: a managed domain's event (its resource as `data`) or the expiry watch's warning
 * about a certificate bound through /cnames (src/cert-watch).
 */
export interface OutboxEvent {
  type: DomainEventType;
  bucket: string;
  domain: string;
  at: Date;
  data: object;
}

/** Appends `events` in order; call it with the transaction that writes the change they report. */
export async function appendEvents(tx: Queryable, events: readonly OutboxEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    const id = newEventId();
    await tx.run(
      'INSERT INTO domain_events (id, type, bucket, domain, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, event.type, event.bucket, event.domain, event.at.getTime(), JSON.stringify(event.data)],
    );
    ids.push(id);
  }
  return ids;
}

/** Events after `afterSeq` (0: from the first), oldest first. */
export async function eventsAfter(q: Queryable, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  const rows = await q.query<EventRow>(
    'SELECT seq, id, type, bucket, domain, occurred_at, data FROM domain_events WHERE seq > $1 ORDER BY seq LIMIT $2',
    [afterSeq, limit],
  );
  return rows.map(toStoredEvent);
}

/** The events of one domain, newest first (for its history). */
export async function eventsOfDomain(
  q: Queryable,
  bucket: string,
  domain: string,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await q.query<EventRow>(
    'SELECT seq, id, type, bucket, domain, occurred_at, data FROM domain_events WHERE bucket = $1 AND domain = $2 ORDER BY seq DESC LIMIT $3',
    [bucket, domain, limit],
  );
  return rows.map(toStoredEvent);
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    type: row.type as DomainEventType,
    bucket: row.bucket,
    domain: row.domain,
    occurredAt: new Date(Number(row.occurred_at)),
    data: JSON.parse(row.data) as unknown,
  };
}
