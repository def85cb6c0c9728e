import { join } from 'node:path';
import { ensureBuilt } from '../lib/build.ts';
import { runLoad } from '../lib/load.ts';
import { rssBytes } from '../lib/processes.ts';
import { seedDomains } from '../lib/seed.ts';
import { LIST_BUCKET, startEmulator, startService, stop, stopEmulator, workDir } from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// What 10,000 managed domains cost in memory: two services on the embedded store, one with 10,000 managed
// domains written into it beforehand (due in a day, so the reconciler leaves them alone), one with none,
// each sent the same 2,000 GET /buckets/:b/domains?limit=100 requests, then their RSS read from /proc.
// Nothing about a domain lives only in memory, so the figure should stay near the empty service's.

const MB = 1024 * 1024;
const DOMAINS = 10_000;
const REQUESTS = 2_000;
const GOAL = 1.2;

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    const fullDir = join(work.dir, 'full');
    const emptyDir = join(work.dir, 'empty');
    await seedDomains({ dataDir: fullDir, bucket: LIST_BUCKET, count: DOMAINS, due: false });
    await seedDomains({ dataDir: emptyDir, bucket: LIST_BUCKET, count: 0, due: false });
    const full = await startService(work.dir, emulator, { env: { DATA_DIR: fullDir } });
    const empty = await startService(work.dir, emulator, { env: { DATA_DIR: emptyDir } });
    try {
      const rss: Record<'full' | 'empty', number> = { full: 0, empty: 0 };
      for (const [side, service] of [
        ['full', full],
        ['empty', empty],
      ] as const) {
        const url = `${service.url}/buckets/${LIST_BUCKET}/domains?limit=100`;
        await runLoad({ url, headers: service.headers }, { connections: 8, amount: REQUESTS });
        rss[side] = (await rssBytes(service.child.pid as number)) / MB;
      }
      const ratio = rss.full / rss.empty;
      return [
        {
          name: `RSS with ${DOMAINS.toLocaleString('en-US')} managed domains`,
          unit: 'MB',
          ours: rss.full,
          comparison: { label: 'the same service with none, same requests', value: rss.empty },
          ratio,
          higherIsBetter: false,
          goal: { text: `<= ${GOAL}x`, met: ratio <= GOAL },
          notes: `embedded store; after ${REQUESTS.toLocaleString('en-US')} GET /domains?limit=100 each (full pages against empty ones)`,
        },
      ];
    } finally {
      await Promise.all([stop(full.child), stop(empty.child)]);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}
