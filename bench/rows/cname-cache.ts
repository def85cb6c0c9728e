import { ensureBuilt } from '../lib/build.ts';
import type { LoadResult } from '../lib/latency.ts';
import { measureAlternating, type Target } from '../lib/load.ts';
import { stop } from '../lib/processes.ts';
import {
  bindDomains,
  delayEveryCall,
  LIST_BUCKET,
  OSS_KEY,
  startEmulator,
  startService,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// GET /buckets/:b/cnames (100 domains) through the service, with its default CNAME_CACHE_MS, against the
// OSS client calling ListCname directly, while the emulator holds every OSS answer back 30 ms (its `delay`
// fault), as real OSS answers in tens of milliseconds. The service answers polls from its recent listing
// and shares one ListCname among concurrent reads, so it should beat OSS itself.

const DOMAINS = 100;
const OSS_LATENCY_MS = 30;
const ROUNDS = 2;
const WINDOW = { durationMs: 3000, warmupMs: 700 };
const GOALS = {
  1: { throughput: 10, p50: 0.1 },
  32: { throughput: 2, p50: undefined },
} as const;

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    await bindDomains(emulator, LIST_BUCKET, DOMAINS);
    const service = await startService(work.dir, emulator);
    try {
      const path = `/buckets/${LIST_BUCKET}/cnames?limit=${DOMAINS}`;
      await delayEveryCall(emulator, OSS_LATENCY_MS);
      const first = await fetch(service.url + path, { headers: service.headers });
      const body = (await first.json()) as { items?: unknown[] };
      if (first.status !== 200 || body.items?.length !== DOMAINS)
        throw new Error(`service list answered ${first.status} with ${body.items?.length} items`);
      const targets: Record<string, Target> = {
        service: { kind: 'http', spec: { url: service.url + path, headers: service.headers } },
        direct: { kind: 'direct', spec: { endpoint: emulator.url, ...OSS_KEY, bucket: LIST_BUCKET } },
      };
      const rows: BenchRow[] = [];
      for (const concurrency of [1, 32] as const) {
        const results = await measureAlternating(targets, { ...WINDOW, concurrency }, ROUNDS);
        rows.push(...rowsFor(concurrency, results));
      }
      return rows;
    } finally {
      await stop(service.child);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}

function rowsFor(concurrency: 1 | 32, r: Record<string, LoadResult>): BenchRow[] {
  const { service, direct } = r as Record<'service' | 'direct', LoadResult>;
  const label = `GET /cnames (100 domains), ${OSS_LATENCY_MS} ms OSS, c=${concurrency}`;
  const directLabel = 'direct ListCname';
  const goal = GOALS[concurrency];
  const throughput = service.requestsPerSecond / direct.requestsPerSecond;
  const p50 = service.p50Ms / direct.p50Ms;
  return [
    {
      name: `${label}: throughput`,
      unit: 'req/s',
      ours: service.requestsPerSecond,
      comparison: { label: directLabel, value: direct.requestsPerSecond },
      ratio: throughput,
      higherIsBetter: true,
      goal: { text: `>= ${goal.throughput}x`, met: throughput >= goal.throughput },
      notes: `${service.requests} vs ${direct.requests} requests in ${ROUNDS} alternating rounds`,
    },
    {
      name: `${label}: p50`,
      unit: 'ms',
      ours: service.p50Ms,
      comparison: { label: directLabel, value: direct.p50Ms },
      ratio: p50,
      higherIsBetter: false,
      goal: goal.p50 === undefined ? undefined : { text: `<= ${goal.p50}x`, met: p50 <= goal.p50 },
    },
  ];
}
