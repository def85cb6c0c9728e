import { performance } from 'node:perf_hooks';
import { ensureBuilt } from '../lib/build.ts';
import { median } from '../lib/latency.ts';
import { runLoad } from '../lib/load.ts';
import { rssBytes } from '../lib/processes.ts';
import {
  bindDomains,
  type EmulatorProcess,
  LIST_BUCKET,
  startEmulator,
  startMinimalHop,
  startService,
  stop,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// Row 4: the service's resident memory. A fresh `node dist/main.js` serves GET /cnames (100 domains)
// from autocannon: first exactly 20,000 requests, then load for the rest of a 60 s soak. RSS is read
// from /proc every few seconds. The trend is the Theil-Sen slope over the second half of the soak: V8
// grows its heap to a plateau in steps during the first seconds of load, a leak keeps climbing. The
// comparison is row 2's minimal hop process after the same 20,000 requests: what Node, Fastify and the
// OSS client alone hold under this load.

const MB = 1024 * 1024;
const WARM_REQUESTS = 20_000;
// BENCH_SOAK_MS lengthens the soak to tell a slow leak from V8's heap steps (the row's default is the issue's 60 s).
const SOAK_MS = Number(process.env.BENCH_SOAK_MS ?? 60_000);
const SAMPLE_MS = 3_000;
const CONNECTIONS = 16;
const RSS_GOAL_MB = 90;
const HOP_RATIO_GOAL = 1.1;
/** Drift below this over the post-warm-up window counts as flat: RSS moves by a few MB with GC timing. */
const FLAT_MB_PER_MIN = 2;

interface Sample {
  atMs: number;
  rssMb: number;
}

/**
 * Theil-Sen slope of RSS over time (the median of the slopes between every pair of samples), in MB per
 * minute. V8 grows its heap in steps; one step moves a least-squares line a lot, the median barely, while
 * a leak makes nearly every pair climb.
 */
function slopeMbPerMinute(samples: readonly Sample[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i] as Sample;
      const b = samples[j] as Sample;
      if (b.atMs > a.atMs) slopes.push(((b.rssMb - a.rssMb) / (b.atMs - a.atMs)) * 60_000);
    }
  }
  return slopes.length === 0 ? 0 : median(slopes);
}

/** Samples the RSS of `pid` every SAMPLE_MS until stopped. */
function sampler(pid: number, started: number) {
  const samples: Sample[] = [];
  const take = async () =>
    samples.push({ atMs: performance.now() - started, rssMb: (await rssBytes(pid)) / MB });
  const timer = setInterval(() => void take(), SAMPLE_MS);
  return {
    samples,
    take,
    stop: () => clearInterval(timer),
  };
}

/** RSS of the minimal hop after the same 20,000 requests. */
async function minimalHopRss(emulator: EmulatorProcess): Promise<number> {
  const hop = await startMinimalHop(emulator);
  try {
    const url = `${hop.url}/buckets/${LIST_BUCKET}/cnames?limit=100`;
    await runLoad({ url }, { connections: CONNECTIONS, amount: WARM_REQUESTS });
    return (await rssBytes(hop.child.pid as number)) / MB;
  } finally {
    await stop(hop.child);
  }
}

/** V8 heap figures from the service's own /metrics, to tell live objects from what V8 keeps reserved. */
async function heapUsage(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / MB;
  return `V8 heap ${value('nodejs_heap_size_used_bytes').toFixed(0)} MB used of ${value('nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${value('nodejs_external_memory_bytes').toFixed(0)} MB`;
}

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    await bindDomains(emulator, LIST_BUCKET, 100);
    const hopRssMb = await minimalHopRss(emulator);
    const service = await startService(work.dir, emulator);
    const pid = service.child.pid as number;
    try {
      const spec = {
        url: `${service.url}/buckets/${LIST_BUCKET}/cnames?limit=100`,
        headers: service.headers,
      };
      const started = performance.now();
      const rss = sampler(pid, started);
      await rss.take();
      const startRssMb = rss.samples[0]?.rssMb ?? 0;
      await runLoad(spec, { connections: CONNECTIONS, amount: WARM_REQUESTS });
      await rss.take();
      const warm = rss.samples.at(-1) as Sample;
      const remaining = Math.max(5_000, SOAK_MS - warm.atMs);
      await runLoad(spec, { connections: CONNECTIONS, durationMs: remaining });
      await rss.take();
      rss.stop();
      const last = rss.samples.at(-1) as Sample;
      const secondHalf = rss.samples.filter((s) => s.atMs >= last.atMs / 2);
      const peak = Math.max(...rss.samples.map((s) => s.rssMb));
      const slope = slopeMbPerMinute(secondHalf);
      const growth = last.rssMb - warm.rssMb;
      const heap = await heapUsage(service.url);
      const trend = rss.samples.map((s) => s.rssMb.toFixed(0)).join(' ');
      return [
        {
          name: `Service RSS after ${WARM_REQUESTS.toLocaleString('en-US')} requests`,
          unit: 'MB',
          ours: warm.rssMb,
          comparison: { label: 'minimal hop process, same 20k requests', value: hopRssMb },
          ratio: warm.rssMb / hopRssMb,
          higherIsBetter: false,
          goal: { text: `<= ${RSS_GOAL_MB} MB`, met: warm.rssMb <= RSS_GOAL_MB && peak <= RSS_GOAL_MB },
          notes: `${startRssMb.toFixed(0)} MB idle after start; peak ${peak.toFixed(0)} MB over the ${(last.atMs / 1000).toFixed(0)} s soak; at the end ${heap}`,
        },
        {
          // The relative goal on the same measurement: the limit of the stack, not an absolute figure.
          name: `Service RSS / minimal hop after ${WARM_REQUESTS.toLocaleString('en-US')} requests`,
          unit: 'MB',
          ours: warm.rssMb,
          comparison: { label: 'minimal hop process, same 20k requests', value: hopRssMb },
          ratio: warm.rssMb / hopRssMb,
          higherIsBetter: false,
          goal: { text: `<= ${HOP_RATIO_GOAL}x`, met: warm.rssMb / hopRssMb <= HOP_RATIO_GOAL },
        },
        {
          name: `Service RSS trend, second half of the ${SOAK_MS / 1000} s soak`,
          unit: 'MB/min',
          ours: slope,
          higherIsBetter: false,
          goal: { text: `flat (< ${FLAT_MB_PER_MIN} MB/min)`, met: slope < FLAT_MB_PER_MIN },
          notes: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB from the 20k mark to the end; samples every ${SAMPLE_MS / 1000} s: ${trend}`,
        },
      ];
    } finally {
      await stop(service.child);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}
