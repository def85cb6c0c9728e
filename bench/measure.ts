import { performance } from 'node:perf_hooks';

function timeBatches(fn: () => void, ms: number, batch: number): { ops: number; elapsed: number } {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = performance.now() - start;
  }
  return { ops, elapsed };
}

/** Operations per second of `fn` over about `ms`, after a short warm-up; the clock is read once per batch. */
export function opsPerSecond(fn: () => void, ms = 800, batch = 500): number {
  timeBatches(fn, Math.min(200, ms / 4), batch);
  const { ops, elapsed } = timeBatches(fn, ms, batch);
  return (ops / elapsed) * 1000;
}

/**
 * Ops/s of two functions measured in alternating short rounds, so a change in machine load during the run
 * hits both sides alike instead of skewing the ratio.
 */
export function compareOpsPerSecond(
  a: () => void,
  b: () => void,
  ms = 1600,
  rounds = 8,
  batch = 200,
): [number, number] {
  timeBatches(a, 100, batch);
  timeBatches(b, 100, batch);
  const slice = ms / rounds / 2;
  const total = { a: { ops: 0, elapsed: 0 }, b: { ops: 0, elapsed: 0 } };
  for (let r = 0; r < rounds; r++) {
    for (const [key, fn] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const m = timeBatches(fn, slice, batch);
      total[key].ops += m.ops;
      total[key].elapsed += m.elapsed;
    }
  }
  return [(total.a.ops / total.a.elapsed) * 1000, (total.b.ops / total.b.elapsed) * 1000];
}
