import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  backoffDelayMs,
  DEFAULT_RECONCILE_OPTIONS as O,
  reconcileEnvFields,
  reconcileOptionsSchema,
  scheduleTable,
  toReconcileOptions,
} from '../../src/domains/index.ts';

describe('back-off schedule', () => {
  it("follows Cloudflare's schedule: 60 s·1.05ⁿ for ten tries, then 60 s·1.15ⁿ", () => {
    expect(backoffDelayMs(0, O)).toBe(60_000);
    expect(backoffDelayMs(1, O)).toBe(63_000);
    expect(backoffDelayMs(9, O)).toBe(Math.floor(60_000 * 1.05 ** 9));
    expect(backoffDelayMs(10, O)).toBe(Math.floor(60_000 * 1.15 ** 10));
  });

  it('caps each delay at 4 hours from the fortieth try', () => {
    expect(backoffDelayMs(39, O)).toBeLessThan(4 * 3_600_000);
    expect(backoffDelayMs(40, O)).toBe(4 * 3_600_000);
    expect(backoffDelayMs(74, O)).toBe(4 * 3_600_000);
  });

  it('runs about ten checks in the first 20 minutes and about 7 days in all', () => {
    const table = scheduleTable(O);
    expect(table).toHaveLength(75);
    const early = table.filter((s) => s.elapsedMs <= 20 * 60_000).length;
    expect(early).toBeGreaterThanOrEqual(9);
    expect(early).toBeLessThanOrEqual(12);
    const days = (table.at(-1)?.elapsedMs ?? 0) / 86_400_000;
    expect(days).toBeGreaterThan(6.5);
    expect(days).toBeLessThan(7.5);
  });

  it('is tuned by the RECONCILE_* settings, with the defaults when unset', () => {
    const schema = z.object(reconcileEnvFields);
    expect(toReconcileOptions(schema.parse({}))).toEqual(O);
    const tuned = toReconcileOptions(
      schema.parse({
        RECONCILE_BASE_DELAY_MS: '10',
        RECONCILE_MAX_ATTEMPTS: '3',
        RECONCILE_MAX_DELAY_MS: '15',
      }),
    );
    expect(scheduleTable(tuned).map((s) => s.delayMs)).toEqual([10, 10, 11]);
    expect(backoffDelayMs(30, tuned)).toBe(15);
    expect(schema.safeParse({ RECONCILE_MAX_ATTEMPTS: '0' }).success).toBe(false);
    expect(schema.safeParse({ RECONCILE_LEASE_MS: 'soon' }).success).toBe(false);
  });

  it('refuses unknown options', () => {
    expect(reconcileOptionsSchema.safeParse({ baseDelay: 1 }).success).toBe(false);
  });
});
