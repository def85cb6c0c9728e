// RECONCILE_* environment settings, in the style of src/config/env-schema.ts, ready to be spread into
// the one env schema; toReconcileOptions maps the checked values onto the schedule's options.
import { integer } from '../config/env-fields.ts';
import { DAY_MS, days } from '../time/durations.ts';
import { DEFAULT_RECONCILE_OPTIONS as D, type ReconcileOptions, reconcileOptionsSchema } from './schedule.ts';

export const reconcileEnvFields = {
  RECONCILE_BASE_DELAY_MS: integer(D.baseDelayMs, 1, DAY_MS),
  RECONCILE_GENTLE_ATTEMPTS: integer(D.gentleAttempts, 0, 1_000),
  RECONCILE_MAX_DELAY_MS: integer(D.maxDelayMs, 1, days(7)),
  RECONCILE_MAX_ATTEMPTS: integer(D.maxAttempts, 1, 10_000),
  RECONCILE_STALLED_INTERVAL_MS: integer(D.stalledIntervalMs, 1, days(30)),
  RECONCILE_WATCH_INTERVAL_MS: integer(D.watchIntervalMs, 1, days(7)),
  RECONCILE_TOKEN_REFRESH_BEFORE_MS: integer(D.tokenRefreshBeforeMs, 0, days(3)),
  RECONCILE_LEASE_MS: integer(D.leaseMs, 1_000, DAY_MS),
};

type ReconcileEnv = { [K in keyof typeof reconcileEnvFields]: number };

export function toReconcileOptions(env: ReconcileEnv): ReconcileOptions {
  return reconcileOptionsSchema.parse({
    baseDelayMs: env.RECONCILE_BASE_DELAY_MS,
    gentleAttempts: env.RECONCILE_GENTLE_ATTEMPTS,
    maxDelayMs: env.RECONCILE_MAX_DELAY_MS,
    maxAttempts: env.RECONCILE_MAX_ATTEMPTS,
    stalledIntervalMs: env.RECONCILE_STALLED_INTERVAL_MS,
    watchIntervalMs: env.RECONCILE_WATCH_INTERVAL_MS,
    tokenRefreshBeforeMs: env.RECONCILE_TOKEN_REFRESH_BEFORE_MS,
    leaseMs: env.RECONCILE_LEASE_MS,
  });
}
