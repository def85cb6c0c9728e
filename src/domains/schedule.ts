// The back-off schedule between checks of a domain that is waiting (Cloudflare's custom-hostname
// schedule, shared/managed-domains.md §1.1): 60 s·1.05ⁿ for the first ten tries, then 60 s·1.15ⁿ,
// each capped at 4 h; 75 tries cover about 7 days, then the domain is `stalled` and checked once a day.
import { z } from 'zod';
import { days, hours } from '../time/durations.ts';

export const reconcileOptionsSchema = z.strictObject({
  /** The first delay; every later one grows from it. */
  baseDelayMs: z.int().min(1).default(60_000),
  /** Tries that grow slowly (·1.05) before the steeper growth (·1.15) starts. */
  gentleAttempts: z.int().min(0).default(10),
  maxDelayMs: z.int().min(1).default(hours(4)),
  /** Tries without progress before a step is given up as `stalled`. */
  maxAttempts: z.int().min(1).default(75),
  /** How often a stalled domain is still looked at. */
  stalledIntervalMs: z.int().min(1).default(days(1)),
  /** How often a bound domain is watched for drift (ListCname, DNS). */
  watchIntervalMs: z.int().min(1).default(hours(1)),
  /** A token this close to its expiry is refreshed before the next check. */
  tokenRefreshBeforeMs: z.int().min(0).default(hours(12)),
  /** How long a claimed row stays with its replica without a heartbeat. */
  leaseMs: z.int().min(1_000).default(120_000),
});

export type ReconcileOptions = z.output<typeof reconcileOptionsSchema>;

export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = reconcileOptionsSchema.parse({});

const GENTLE = 1.05;
const STEEP = 1.15;

/** Delay after the `attempt`-th check (0-based) that did not make progress. */
export function backoffDelayMs(attempt: number, options: ReconcileOptions): number {
  const factor = attempt < options.gentleAttempts ? GENTLE : STEEP;
  const raw = Math.floor(options.baseDelayMs * factor ** attempt);
  return Math.min(raw, options.maxDelayMs);
}

export interface ScheduleStep {
  attempt: number;
  delayMs: number;
  /** From the first check to the check after this one. */
  elapsedMs: number;
}

/** The whole schedule up to the stall, for the docs and for tests. */
export function scheduleTable(options: ReconcileOptions): ScheduleStep[] {
  const steps: ScheduleStep[] = [];
  let elapsedMs = 0;
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    const delayMs = backoffDelayMs(attempt, options);
    elapsedMs += delayMs;
    steps.push({ attempt, delayMs, elapsedMs });
  }
  return steps;
}
