import { join } from 'node:path';
import { ensureBuilt } from '../lib/build.ts';
import type { LoadResult } from '../lib/latency.ts';
import { measureAlternating, type Target } from '../lib/load.ts';
import { startOtlpSink } from '../lib/otlp-sink.ts';
import { stop } from '../lib/processes.ts';
import {
  bindDomains,
  LIST_BUCKET,
  startEmulator,
  startService,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// Tracing's cost on the list path: the same service build twice, tracing off (no OTEL_* set: the SDK is
// never loaded and no hook is added) and on (every request sampled, spans batched and exported over
// OTLP/HTTP protobuf to a sink on 127.0.0.1 that reads and drops them), in alternating rounds at c=32.
// Off has no comparison of its own: it is the code every other row measures.

const DOMAINS = 100;
const ROUNDS = 3;
const WINDOW = { durationMs: 3000, warmupMs: 700, concurrency: 32 };

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  const sink = await startOtlpSink();
  try {
    await bindDomains(emulator, LIST_BUCKET, DOMAINS);
    const off = await startService(work.dir, emulator);
    const on = await startService(work.dir, emulator, {
      // Its own embedded store: DATA_DIR is locked to one process.
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_TRACES_SAMPLER: 'always_on',
        DATA_DIR: join(work.dir, 'data-traced'),
      },
    });
    try {
      const path = `/buckets/${LIST_BUCKET}/cnames?limit=${DOMAINS}`;
      const targets: Record<string, Target> = {
        off: { kind: 'http', spec: { url: off.url + path, headers: off.headers } },
        on: { kind: 'http', spec: { url: on.url + path, headers: on.headers } },
      };
      const results = await measureAlternating(targets, WINDOW, ROUNDS);
      if (sink.exports() === 0) throw new Error('tracing on exported nothing: the row would measure nothing');
      return rowsFor(results as Record<'off' | 'on', LoadResult>, sink.exports());
    } finally {
      await stop(on.child);
      await stop(off.child);
    }
  } finally {
    sink.server.close();
    await stopEmulator(emulator);
    work.cleanup();
  }
}

function rowsFor({ off, on }: Record<'off' | 'on', LoadResult>, exports: number): BenchRow[] {
  const label = 'GET /cnames (100 domains), c=32, tracing on';
  const offLabel = 'tracing off';
  const throughput = on.requestsPerSecond / off.requestsPerSecond;
  return [
    {
      name: `${label}: throughput`,
      unit: 'req/s',
      ours: on.requestsPerSecond,
      comparison: { label: offLabel, value: off.requestsPerSecond },
      ratio: throughput,
      higherIsBetter: true,
      goal: { text: '>= 0.95x', met: throughput >= 0.95 },
      notes: `every request sampled; ${exports} OTLP exports; off loads no SDK and adds no hook`,
    },
    {
      name: `${label}: p50`,
      unit: 'ms',
      ours: on.p50Ms,
      comparison: { label: offLabel, value: off.p50Ms },
      ratio: on.p50Ms / off.p50Ms,
      higherIsBetter: false,
    },
  ];
}
