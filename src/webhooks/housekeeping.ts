// Keeping the delivery log bounded and visible: delivered rows past the retention go (their event stays
// in the outbox, the domain's history), and the backlog of deliveries still to send is counted for
// /metrics. Pending, failed and disabled rows are kept: they are what an operator has to look at.
import type { Queryable } from '../store/index.ts';
import { DAY_MS } from '../time/durations.ts';

/** Deletes deliveries delivered more than `retentionDays` before `now`; answers how many went. */
export function pruneDelivered(q: Queryable, retentionDays: number, now: Date): Promise<number> {
  return q.run("DELETE FROM webhook_deliveries WHERE status = 'delivered' AND updated_at < $1", [
    now.getTime() - retentionDays * DAY_MS,
  ]);
}

/** Deliveries still to be sent (due now or waiting for their next attempt). */
export async function pendingDeliveries(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'",
  );
  return Number(row?.n ?? 0);
}
