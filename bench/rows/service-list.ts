import { ensureBuilt } from '../lib/build.ts';
import type { LoadResult } from '../lib/latency.ts';
import { measureAlternating, type Target } from '../lib/load.ts';
import { stop } from '../lib/processes.ts';
import {
  bindDomains,
  LIST_BUCKET,
  OSS_KEY,
  startEmulator,
  startMinimalHop,
  startService,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// Row 2: GET /buckets/:b/cnames on a bucket with 100 bound domains, through the service as production
// runs it (dist/main.js, auth + validation + info logging to a file + metrics), against the limit of one
// hop (a bare Fastify route calling ListCname through the same OSS client) and, as the floor, the client
// calling ListCname directly. All three talk to the same standalone emulator; load comes from autocannon
// (or the direct loop) in its own process; the three run in alternating rounds.

const DOMAINS = 100;
const ROUNDS = 3;
const WINDOW = { durationMs: 3000, warmupMs: 700 };
const CONCURRENCIES = [1, 32] as const;

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    await bindDomains(emulator, LIST_BUCKET, DOMAINS);
    const service = await startService(work.dir, emulator);
    const hop = await startMinimalHop(emulator);
    try {
      const path = `/buckets/${LIST_BUCKET}/cnames?limit=${DOMAINS}`;
      const ours = await fetch(service.url + path, { headers: service.headers });
      const body = (await ours.json()) as { items?: unknown[] };
      if (ours.status !== 200 || body.items?.length !== DOMAINS)
        throw new Error(`service list answered ${ours.status} with ${body.items?.length} items`);
      const targets: Record<string, Target> = {
        service: { kind: 'http', spec: { url: service.url + path, headers: service.headers } },
        hop: { kind: 'http', spec: { url: `${hop.url}${path}` } },
        direct: {
          kind: 'direct',
          spec: { endpoint: emulator.url, ...OSS_KEY, bucket: LIST_BUCKET },
        },
      };
      const rows: BenchRow[] = [];
      for (const concurrency of CONCURRENCIES) {
        const results = await measureAlternating(targets, { ...WINDOW, concurrency }, ROUNDS);
        rows.push(...rowsFor(concurrency, results));
      }
      return rows;
    } finally {
      await stop(hop.child);
      await stop(service.child);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}

function rowsFor(concurrency: number, r: Record<string, LoadResult>): BenchRow[] {
  const { service, hop, direct } = r as Record<'service' | 'hop' | 'direct', LoadResult>;
  const label = `GET /cnames (100 domains), c=${concurrency}`;
  const hopLabel = 'minimal Fastify hop, same client';
  const throughput = service.requestsPerSecond / hop.requestsPerSecond;
  const p50 = service.p50Ms / hop.p50Ms;
  return [
    {
      name: `${label}: throughput`,
      unit: 'req/s',
      ours: service.requestsPerSecond,
      comparison: { label: hopLabel, value: hop.requestsPerSecond },
      ratio: throughput,
      higherIsBetter: true,
      goal: { text: '>= 0.85x', met: throughput >= 0.85 },
      notes: `${service.requests} vs ${hop.requests} requests in ${ROUNDS} alternating rounds`,
    },
    {
      name: `${label}: p50`,
      unit: 'ms',
      ours: service.p50Ms,
      comparison: { label: hopLabel, value: hop.p50Ms },
      ratio: p50,
      higherIsBetter: false,
      goal: { text: '<= 1.15x', met: p50 <= 1.15 },
    },
    {
      name: `${label}: p99`,
      unit: 'ms',
      ours: service.p99Ms,
      comparison: { label: hopLabel, value: hop.p99Ms },
      ratio: service.p99Ms / hop.p99Ms,
      higherIsBetter: false,
    },
    {
      name: `  baseline: direct ListCname, no hop, c=${concurrency}`,
      unit: 'req/s',
      ours: direct.requestsPerSecond,
      higherIsBetter: true,
      notes: `p50 ${direct.p50Ms.toFixed(3)} ms, p99 ${direct.p99Ms.toFixed(3)} ms`,
    },
  ];
}
