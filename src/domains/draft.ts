// The working shape inside the transition function: the next row, the effects to run and the event
// types to raise (turned into full events once the row is final), plus small shared rules.
import type { DomainRow, ProblemNote } from './row.ts';
import { backoffDelayMs, type ReconcileOptions } from './schedule.ts';
import type { DomainEventType } from './states.ts';
import type { Effect } from './steps.ts';

export interface Draft {
  row: DomainRow;
  effects: Effect[];
  events: DomainEventType[];
}

export function unchanged(row: DomainRow, effects: Effect[] = []): Draft {
  return { row, effects, events: [] };
}

export function after(ms: number, now: Date): Date {
  return new Date(now.getTime() + ms);
}

export function earliest(...dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d !== null && (best === null || d.getTime() < best.getTime())) best = d;
  return best;
}

/** When the token must be refreshed, or null when there is none to keep. */
function tokenRefreshAt(row: DomainRow, options: ReconcileOptions): Date | null {
  const expiresAt = row.token?.expiresAt ?? null;
  return expiresAt === null ? null : new Date(expiresAt.getTime() - options.tokenRefreshBeforeMs);
}

export function tokenNeedsWork(row: DomainRow, now: Date, options: ReconcileOptions): boolean {
  if (row.token === null) return true;
  const refreshAt = tokenRefreshAt(row, options);
  return refreshAt !== null && refreshAt.getTime() <= now.getTime();
}

/**
 * A check that made no progress: count it, note why, and wait by the schedule. Ownership and binding
 * steps give up as `stalled` when the schedule runs out; a stalled domain is still looked at daily.
 */
export function waiting(
  row: DomainRow,
  error: ProblemNote,
  now: Date,
  options: ReconcileOptions,
  retryAfterMs = 0,
): Draft {
  const attempts = row.attempts + 1;
  const base = { ...row, attempts, lastCheckedAt: now, lastError: error };
  const stallable = row.status === 'pending_ownership' || row.status === 'binding';
  if (row.status === 'stalled' || (stallable && attempts >= options.maxAttempts)) {
    const next = { ...base, status: 'stalled' as const };
    const nextCheckAt = earliest(
      after(Math.max(options.stalledIntervalMs, retryAfterMs), now),
      refreshIfLater(next, now, options),
    );
    return {
      row: { ...next, nextCheckAt },
      effects: [],
      events: row.status === 'stalled' ? [] : ['domain.stalled'],
    };
  }
  const delay = Math.max(backoffDelayMs(attempts - 1, options), retryAfterMs);
  const nextCheckAt = stallable
    ? earliest(after(delay, now), refreshIfLater(row, now, options))
    : after(delay, now);
  return { row: { ...base, nextCheckAt }, effects: [], events: [] };
}

/** Wake up to refresh the token before OSS forgets it, if that is still ahead. */
function refreshIfLater(row: DomainRow, now: Date, options: ReconcileOptions): Date | null {
  const at = tokenRefreshAt(row, options);
  return at !== null && at.getTime() > now.getTime() ? at : null;
}
