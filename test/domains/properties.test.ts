// Properties over random observation sequences at random times: the lifecycle's invariants hold
// whatever the reconciler reports and in whatever order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ManagedDomain,
  type Observation,
  reconcileOptionsSchema,
  toDomainResource,
  transition,
} from '../../src/domains/index.ts';
import { boundRow, DAY, freshRow, T0, tokenObservation } from './rows.ts';

/** A short schedule, so random runs also run it out. */
const SHORT = reconcileOptionsSchema.parse({ maxAttempts: 3 });

const problem = fc.record({ code: fc.constantFrom('oss-unavailable', 'rate-limited'), detail: fc.string() });
const certificate = fc.option(
  fc.record({
    certId: fc.option(fc.constantFrom('1-cn-hangzhou', '2-cn-hangzhou')),
    fingerprint: fc.option(fc.constantFrom('AA:BB:CC', '11:22')),
  }),
);
const flags = fc.record({ ownership: fc.boolean(), traffic: fc.boolean() }, { requiredKeys: [] });

const ongoing: fc.Arbitrary<Observation> = fc.oneof(
  fc.constant({ kind: 'due' } as const),
  fc.constant({ kind: 'check' } as const),
  fc.constant({ kind: 'unbound' } as const),
  fc.constantFrom('tok-1', 'tok-2').map((t) => tokenObservation(t)),
  flags.map((satisfied) => ({ kind: 'dns', satisfied }) as const),
  certificate.map((c) => ({ kind: 'bound', certificate: c }) as const),
  fc.record({ present: fc.boolean(), certificate }).map((b) => ({ kind: 'binding', ...b }) as const),
  fc.constantFrom('ordered', 'validated').map((step) => ({ kind: 'certificate', step }) as const),
  fc.constantFrom('AA:BB:CC', 'DD:EE').map((fingerprint) => ({
    kind: 'certificate' as const,
    step: 'issued' as const,
    certificate: {
      notBefore: T0,
      notAfter: new Date(T0.getTime() + 90 * DAY),
      fingerprint,
      renewAfter: new Date(T0.getTime() + 60 * DAY),
      certId: null,
    },
  })),
  fc
    .record({ error: problem, terminal: fc.boolean() })
    .map((f) => ({ kind: 'certificate', step: 'failed', ...f }) as const),
  problem.map((error) => ({ kind: 'error', error, retryAfterMs: 1_000 }) as const),
);

// Deletes and refusals end a run, so they come rarely enough for runs to reach the deep states.
const observation: fc.Arbitrary<Observation> = fc.oneof(
  { arbitrary: ongoing, weight: 20 },
  { arbitrary: fc.constant({ kind: 'delete' } as const), weight: 1 },
  { arbitrary: problem.map((error) => ({ kind: 'refused', error }) as const), weight: 1 },
);

// Half the runs start bound, so drift, renewal and expiry are reached as often as the early steps.
const run = fc.tuple(
  fc.constantFrom('managed' as const, 'none' as const),
  fc.boolean(),
  fc.array(fc.tuple(observation, fc.integer({ min: 0, max: 3 * DAY })), { maxLength: 60 }),
);

describe('transition properties', () => {
  it('raises no event without a state change, and every event carries a valid resource', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(run, ([mode, bound, steps]) => {
        let row = bound ? boundRow(mode) : freshRow(mode);
        let now = T0;
        for (const [o, dt] of steps) {
          now = new Date(now.getTime() + dt);
          const r = transition(row, o, now, SHORT);
          const removed = r.effects.some((e) => e.type === 'remove');
          if (r.row === row && !removed) expect(r.events).toEqual([]);
          if (r.row !== row && !removed) expect(r.row.version).toBe(row.version + 1);
          seen.add(r.row.status);
          for (const e of r.events) {
            seen.add(e.type);
            expect(ManagedDomain.parse(e.data)).toEqual(e.data);
            if (e.type === 'domain.ready') expect(e.data.ready).toBe(true);
          }
          expect(ManagedDomain.safeParse(toDomainResource(r.row, now)).success).toBe(true);
          if (removed) return;
          row = r.row;
        }
      }),
      { numRuns: 300 },
    );
    // The random runs reach the deep states, so the properties above are not vacuous.
    for (const deep of [
      'bound',
      'stalled',
      'failed',
      'domain.ready',
      'domain.drifted',
      'domain.certificate_issued',
      'domain.deleted',
    ]) {
      expect([...seen], deep).toContain(deep);
    }
  });

  it('only a DELETE leads to removal: stalled, failed and bound domains are never dropped', () => {
    fc.assert(
      fc.property(run, ([mode, bound, steps]) => {
        let row = bound ? boundRow(mode) : freshRow(mode);
        let now = T0;
        for (const [o, dt] of steps) {
          now = new Date(now.getTime() + dt);
          const r = transition(row, o, now, SHORT);
          if (r.row.status === 'deleting' && row.status !== 'deleting') expect(o.kind).toBe('delete');
          if (r.effects.some((e) => e.type === 'remove')) {
            expect(row.status).toBe('deleting');
            expect(r.events.map((e) => e.type)).toEqual(['domain.deleted']);
            return;
          }
          row = r.row;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a next check for every domain that is not failed, never earlier than the observation', () => {
    fc.assert(
      fc.property(run, ([mode, bound, steps]) => {
        let row = bound ? boundRow(mode) : freshRow(mode);
        let now = T0;
        for (const [o, dt] of steps) {
          now = new Date(now.getTime() + dt);
          const r = transition(row, o, now, SHORT);
          if (r.effects.some((e) => e.type === 'remove')) return;
          if (r.row.status === 'failed') expect(r.row.nextCheckAt).toBeNull();
          else expect(r.row.nextCheckAt).not.toBeNull();
          if (r.row !== row && r.row.nextCheckAt !== null && r.row.nextCheckAt !== row.nextCheckAt) {
            expect(r.row.nextCheckAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
          }
          row = r.row;
        }
      }),
      { numRuns: 300 },
    );
  });
});
