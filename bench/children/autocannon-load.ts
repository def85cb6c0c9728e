// Load generator process: autocannon against one URL for a warm-up and then a measured window, printing
// one JSON line { samples, elapsedMs, failures }. Latencies come from autocannon's per-response event in
// fractional milliseconds: its own histogram rounds to whole milliseconds, too coarse on loopback.
// Usage: node bench/children/autocannon-load.ts '<json LoadSpec>'
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Samples } from '../lib/latency.ts';

export interface LoadSpec {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Measured window; ignored when `amount` is set. */
  durationMs: number;
  /** Send exactly this many requests instead of running for a duration. */
  amount?: number;
  warmupMs: number;
}

interface AutocannonResult {
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void,
  ): void;
}

type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function run(spec: LoadSpec, seconds: number, amount: number | undefined, samples?: Samples) {
  return new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        headers: spec.headers ?? {},
        connections: spec.connections,
        duration: seconds,
        ...(amount === undefined ? {} : { amount }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (samples) {
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) samples.push(ms);
      });
    }
  });
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
if (spec.warmupMs > 0) await run(spec, spec.warmupMs / 1000, undefined);
const samples = new Samples();
const started = performance.now();
const result = await run(spec, spec.durationMs / 1000, spec.amount, samples);
const elapsedMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    samples: Array.from(samples.values()),
    elapsedMs,
    failures: result.non2xx + result.errors + result.timeouts,
  })}\n`,
);
