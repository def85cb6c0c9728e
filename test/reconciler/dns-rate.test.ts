import { describe, expect, it } from 'vitest';
import { burstOf, createDnsGate } from '../../src/reconciler/dns-rate.ts';

// The gate on an injected clock: a wait advances nothing by itself, it only records when the query would
// have gone out (now + the delay asked for), so the test checks the schedule without sleeping.

function fakeGate(perSecond: number) {
  let clock = 1_000_000;
  const sent: number[] = [];
  const gate = createDnsGate({
    perSecond,
    now: () => clock,
    wait: async (ms) => {
      sent.push(clock + ms);
    },
  });
  const take = async () => {
    // The gate asks for its wait synchronously, before its first await.
    const before = sent.length;
    const granted = gate();
    const waited = sent.length > before;
    await granted;
    // No wait asked: the query goes out now.
    if (!waited) sent.push(clock);
  };
  return { take, sent, advance: (ms: number) => (clock += ms), now: () => clock };
}

/** The most queries sent in any window of `windowMs` (sliding, starting at each send). */
function busiestWindow(sent: number[], windowMs: number): number {
  const sorted = [...sent].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] as number) < (sorted[i] as number) - windowMs + 1e-9) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('createDnsGate (RECONCILE_DNS_QPS)', () => {
  it('holds 5,000 queries asked at once to the rate, bursts of a tenth of a second aside', async () => {
    const perSecond = 50;
    const { take, sent } = fakeGate(perSecond);
    await Promise.all(Array.from({ length: 5_000 }, () => take()));
    expect(sent).toHaveLength(5_000);
    expect(busiestWindow(sent, 1_000)).toBeLessThanOrEqual(perSecond + burstOf(perSecond));
    expect(busiestWindow(sent, 10_000)).toBeLessThanOrEqual(10 * perSecond + burstOf(perSecond));
    // Not slower than the rate either: the last query goes out after (n - burst) intervals.
    const span = Math.max(...sent) - Math.min(...sent);
    expect(span).toBeCloseTo(((5_000 - burstOf(perSecond)) * 1000) / perSecond, 0);
  });

  it('holds the rate for callers arriving one after another as the clock moves', async () => {
    const perSecond = 200;
    const { take, sent, advance } = fakeGate(perSecond);
    for (let i = 0; i < 4_000; i++) {
      await take();
      // Callers faster than the rate (every 2 ms against a 5 ms interval), with idle gaps now and then.
      advance(i % 500 === 499 ? 3_000 : 2);
    }
    expect(busiestWindow(sent, 1_000)).toBeLessThanOrEqual(perSecond + burstOf(perSecond));
    expect(sent.every((t, i) => i === 0 || t >= (sent[i - 1] as number))).toBe(true);
  });

  it('lets queries through without waiting while under the rate', async () => {
    const { take, sent, advance, now } = fakeGate(10);
    for (let i = 0; i < 20; i++) {
      await take();
      expect(sent.at(-1)).toBe(now());
      advance(100);
    }
  });

  it('gives up waiting when the caller aborts', async () => {
    const gate = createDnsGate({ perSecond: 1 });
    await gate();
    const controller = new AbortController();
    const waiting = gate(controller.signal);
    controller.abort(new Error('budget spent'));
    await expect(waiting).rejects.toThrow('budget spent');
  });
});
