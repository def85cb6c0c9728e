// When to try a delivery again: the Standard Webhooks example schedule, each delay counted from the
// failed attempt; a receiver's Retry-After postpones (never hastens) the next try.
import { hours } from '../time/durations.ts';

export const RETRY_DELAYS_MS = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const;

/** The longest Retry-After honoured, so one receiver cannot park a delivery for ever. */
export const MAX_RETRY_AFTER_MS = hours(24);

/**
 * The time of attempt `attempt + 1` after attempt `attempt` (1-based) failed, or null when the
 * schedule is spent and the delivery has failed for good.
 */
export function nextAttemptAt(
  attempt: number,
  failedAt: Date,
  retryAfterMs: number | null = null,
): Date | null {
  const delay = RETRY_DELAYS_MS[attempt];
  if (delay === undefined) return null;
  const wait = Math.max(delay, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
  return new Date(failedAt.getTime() + wait);
}

/** Retry-After as delay seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

export type DeliveryState = 'delivered' | 'pending' | 'failed' | 'disabled';

/** Where a delivery stands after its `attempt`-th try (1-based) got `verdict`. */
export function afterAttempt(
  attempt: number,
  outcome: { verdict: 'delivered' | 'disable' | 'retry'; retryAfterMs: number | null },
  at: Date,
): { state: DeliveryState; nextAttemptAt: Date | null } {
  if (outcome.verdict === 'delivered') return { state: 'delivered', nextAttemptAt: null };
  if (outcome.verdict === 'disable') return { state: 'disabled', nextAttemptAt: null };
  const next = nextAttemptAt(attempt, at, outcome.retryAfterMs);
  return next === null ? { state: 'failed', nextAttemptAt: null } : { state: 'pending', nextAttemptAt: next };
}
