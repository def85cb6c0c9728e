// RECONCILE_* environment settings, in the style of src/config/env-schema.ts, ready to be spread into
// the one env schema; toReconcileOptions maps the checked values onto the schedule's options.
import { integer } from '../config/env-fields.ts';
import { DEFAULT_RECONCILE_OPTIONS as D, type ReconcileOptions, reconcileOptionsSchema } from './schedule.ts';

const DAY = 86_400_000;

export const reconcileEnvFields = {
  RECONCILE_BASE_DELAY_MS: integer(D.baseDelayMs, 1, DAY),
  RECONCILE_GENTLE_ATTEMPTS: integer(D.gentleAttempts, 0, 1_000),
  RECONCILE_MAX_DELAY_MS: integer(D.maxDelayMs, 1, 7 * DAY),
  RECONCILE_MAX_ATTEMPTS: integer(D.maxAttempts, 1, 10_000),
  RECONCILE_STALLED_INTERVAL_MS: integer(D.stalledIntervalMs, 1, 30 * DAY),
  RECONCILE_WATCH_INTERVAL_MS: integer(D.watchIntervalMs, 1, 7 * DAY),
  RECONCILE_TOKEN_REFRESH_BEFORE_MS: integer(D.tokenRefreshBeforeMs, 0, 3 * DAY),
  RECONCILE_LEASE_MS: integer(D.leaseMs, 1_000, DAY),
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
