// Turns new outbox events into delivery rows. The cursor over domain_events.seq moves in the same
// transaction that writes the rows, so an event is fanned out exactly once whichever replica does it
// (PostgreSQL: the cursor row is locked FOR UPDATE SKIP LOCKED, and its move is conditional anyway).
//
// PostgreSQL hands out seq numbers at insert, not at commit: a gap below a committed event may be a
// transaction still running. The cursor never passes a gap until it has stayed open for `gapGraceMs`
// (then it was a rollback), so a late commit is not skipped. SQLite commits in seq order: no wait there.
import { eventsAfter, type StoredEvent } from '../events/index.ts';
import type { Queryable, Store } from '../store/index.ts';
import type { WebhookDeliveries } from './deliveries.ts';
import { subscriptionMatches } from './matching.ts';
import type { WebhookSubscriptions } from './subscriptions.ts';

export interface FanOutOptions {
  batch: number;
  gapGraceMs: number;
  now: () => Date;
}

class CursorMoved extends Error {}

export class FanOut {
  /** When this process first saw each open gap (by the seq missing). */
  private readonly gapsSeen = new Map<number, number>();

  private readonly store: Store;
  private readonly subscriptions: WebhookSubscriptions;
  private readonly deliveries: WebhookDeliveries;
  private readonly options: FanOutOptions;

  constructor(
    store: Store,
    subscriptions: WebhookSubscriptions,
    deliveries: WebhookDeliveries,
    options: FanOutOptions,
  ) {
    this.store = store;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.options = options;
  }

  /** Fans out one batch; the number of events it passed (0 when idle or another replica holds it). */
  async run(): Promise<number> {
    try {
      return await this.store.transaction((tx) => this.step(tx));
    } catch (error) {
      if (error instanceof CursorMoved) return 0;
      throw error;
    }
  }

  private async step(tx: Queryable): Promise<number> {
    const lock = tx.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const [cursor] = await tx.query<{ last_seq: number | string }>(
      `SELECT last_seq FROM webhook_cursor WHERE name = 'fanout'${lock}`,
    );
    if (cursor === undefined) return 0;
    const from = Number(cursor.last_seq);
    const read = await eventsAfter(tx, from, this.options.batch);
    const events = this.contiguous(from, read, tx.kind);
    const last = events.at(-1);
    if (last === undefined) return 0;
    const now = this.options.now();
    const subscriptions = await this.subscriptions.active(tx);
    for (const event of events) {
      for (const s of subscriptions) {
        if (!subscriptionMatches(s, event)) continue;
        const row = { subscriptionId: s.id, eventId: event.id, eventSeq: event.seq, eventType: event.type };
        await this.deliveries.add(tx, row, now);
      }
    }
    const moved = await tx.run(
      "UPDATE webhook_cursor SET last_seq = $1 WHERE name = 'fanout' AND last_seq = $2",
      [last.seq, from],
    );
    if (moved === 0) throw new CursorMoved();
    return events.length;
  }

  /**
   * The events up to the first gap that may still fill. Gaps beyond it are timed from now as well: each
   * waits its grace at the same time as the others, not one grace after another.
   */
  private contiguous(from: number, events: StoredEvent[], kind: Queryable['kind']): StoredEvent[] {
    const taken: StoredEvent[] = [];
    let expected = from + 1;
    let blocked = false;
    const now = Date.now();
    for (const event of events) {
      if (event.seq === expected) this.gapsSeen.delete(expected);
      else if (kind === 'postgres') {
        const seen = this.gapsSeen.get(expected);
        if (seen === undefined) this.gapsSeen.set(expected, now);
        if (seen === undefined || now - seen < this.options.gapGraceMs) blocked = true;
        else if (!blocked) this.gapsSeen.delete(expected);
      }
      if (!blocked) taken.push(event);
      expected = event.seq + 1;
    }
    return taken;
  }
}
