import { join } from 'node:path';
import { ensureBuilt } from '../lib/build.ts';
import type { LoadResult } from '../lib/latency.ts';
import { measureAlternating, type Target } from '../lib/load.ts';
import { startOtlpSink } from '../lib/otlp-sink.ts';
import { stop } from '../lib/processes.ts';
import {
  bindDomains,
  type EmulatorProcess,
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
// Twice: as the service runs by default (most lists answered from the recent listing, one span each), and
// with CNAME_CACHE_MS=0, where every list asks OSS (the path issue 18's goal was set on: a route span and
// an OSS span around a ListCname). Off has no comparison of its own: it is the code every other row measures.

const DOMAINS = 100;
const ROUNDS = 3;
const WINDOW = { durationMs: 3000, warmupMs: 700, concurrency: 32 };
const PATHS: { label: string; env: Record<string, string> }[] = [
  { label: 'GET /cnames (100 domains), c=32, tracing on', env: {} },
  {
    label: 'GET /cnames (100 domains, each asks OSS: CNAME_CACHE_MS=0), c=32, tracing on',
    env: { CNAME_CACHE_MS: '0' },
  },
];

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  const sink = await startOtlpSink();
  const rows: BenchRow[] = [];
  try {
    await bindDomains(emulator, LIST_BUCKET, DOMAINS);
    for (const [i, { label, env }] of PATHS.entries()) {
      const before = sink.exports();
      const results = await measurePair(work.dir, emulator, sink.url, env, i);
      const exports = sink.exports() - before;
      if (exports === 0) throw new Error('tracing on exported nothing: the row would measure nothing');
      rows.push(...rowsFor(label, results, exports));
    }
    return rows;
  } finally {
    sink.server.close();
    await stopEmulator(emulator);
    work.cleanup();
  }
}

async function measurePair(
  dir: string,
  emulator: EmulatorProcess,
  sinkUrl: string,
  env: Record<string, string>,
  n: number,
): Promise<Record<'off' | 'on', LoadResult>> {
  // Each its own embedded store: DATA_DIR is locked to one process.
  const off = await startService(dir, emulator, { env: { ...env, DATA_DIR: join(dir, `data-off-${n}`) } });
  const on = await startService(dir, emulator, {
    env: {
      ...env,
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_TRACES_SAMPLER: 'always_on',
      DATA_DIR: join(dir, `data-traced-${n}`),
    },
  });
  try {
    const path = `/buckets/${LIST_BUCKET}/cnames?limit=${DOMAINS}`;
    const targets: Record<string, Target> = {
      off: { kind: 'http', spec: { url: off.url + path, headers: off.headers } },
      on: { kind: 'http', spec: { url: on.url + path, headers: on.headers } },
    };
    return (await measureAlternating(targets, WINDOW, ROUNDS)) as Record<'off' | 'on', LoadResult>;
  } finally {
    await stop(on.child);
    await stop(off.child);
  }
}

function rowsFor(label: string, { off, on }: Record<'off' | 'on', LoadResult>, exports: number): BenchRow[] {
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
