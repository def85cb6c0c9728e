import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../lib/build.ts';
import { warmCompileCache } from '../lib/compile-cache.ts';
import { median } from '../lib/latency.ts';
import { startNode, stop } from '../lib/processes.ts';
import { serviceEnv, startEmulator, stopEmulator, workDir } from '../lib/stack.ts';
import { storeShareSampler } from '../lib/store-share.ts';
import type { BenchRow } from '../types.ts';

// Row 5: cold start of the production command, `node dist/main.js` (what the Dockerfile runs), from
// spawn to the first 200 from /readyz (which itself asks the emulator: ListBuckets). Compared with the
// floor for any Fastify service on this machine: a bare Fastify process from spawn to its first 200.
// Median of several starts each, alternating. main.ts keeps Node's compile cache on disk, and the image
// build fills it (dist/cli/warm-compile-cache.js). The bench does the same into a fresh directory, so every
// timed start is one a new container of the image makes; the notes add a start with an empty cache (an
// install without that step). A bare Fastify process warms the file cache first.

const STARTS = 5;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function firstOk(url: string): Promise<void> {
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status} right after start`);
}

/** Milliseconds from spawn to the first 200 from `probe` on the URL the process announced. */
async function timeStart(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, probe: string) {
  const began = performance.now();
  const { child, match } = await startNode({ label: args.at(-1) ?? 'node', args, env, ready });
  try {
    await firstOk(`${match[1]}${probe}`);
    return performance.now() - began;
  } finally {
    await stop(child);
  }
}

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    const { env } = serviceEnv(work.dir, emulator);
    const compileCache = join(work.dir, 'compile-cache');
    const ours = (cache = compileCache) =>
      timeStart(
        [`${ROOT}dist/main.js`],
        { ...env, PORT: '0', NODE_COMPILE_CACHE: cache },
        /^(?=.*"msg":"service started").*"url":"([^"]+)"/,
        '/readyz',
      );
    const bare = () =>
      timeStart(
        [`${ROOT}bench/children/bare-fastify.mjs`],
        process.env,
        /^bare fastify listening on (\S+)$/,
        '/',
      );
    await bare();
    const empty = await ours(join(work.dir, 'empty-compile-cache'));
    warmCompileCache(compileCache);
    const store = storeShareSampler(work.dir, compileCache);
    const samples = { ours: [] as number[], bare: [] as number[] };
    for (let i = 0; i < STARTS; i++) {
      samples.ours.push(await ours());
      samples.bare.push(await bare());
      store.round();
    }
    const oursMs = median(samples.ours);
    const bareMs = median(samples.bare);
    const share = store.result().median;
    // The timed starts are restarts: the empty-cache start above migrated their DATA_DIR.
    const withoutMs = oursMs - share.migrated.ms;
    return [
      {
        name: 'Cold start: node dist/main.js to /readyz 200',
        unit: 'ms',
        ours: oursMs,
        comparison: { label: 'bare Fastify process, to first 200', value: bareMs },
        ratio: oursMs / bareMs,
        higherIsBetter: false,
        goal: { text: '<= 400 ms', met: oursMs <= 400 },
        notes: `median of ${STARTS} starts each; ours ${samples.ours.map((s) => s.toFixed(0)).join(', ')} ms, after the image's compile-cache warm-up; a start with an empty cache ${empty.toFixed(0)} ms`,
      },
      {
        name: 'Cold start with the embedded store',
        unit: 'ms',
        ours: oursMs,
        comparison: { label: "the same start less the store's share", value: withoutMs },
        ratio: oursMs / withoutMs,
        higherIsBetter: false,
        goal: { text: '<= 1.15x', met: oursMs / withoutMs <= 1.15 },
        notes: `the service has no mode without its store: its share is the median of ${STARTS} fresh processes loading dist/store with the same compile cache, opening the migrated DATA_DIR those starts find and querying it (bench/lib/store-share.ts), ${share.migrated.ms.toFixed(0)} ms; a first start on a new DATA_DIR adds ${share.fresh.ms.toFixed(0)} ms (${(oursMs / (oursMs - share.fresh.ms)).toFixed(2)}x)`,
      },
    ];
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}
