import { join } from 'node:path';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.ts';
import { ensureBuilt } from '../lib/build.ts';
import type { LoadResult } from '../lib/latency.ts';
import { measureAlternating } from '../lib/load.ts';
import { seedDomains } from '../lib/seed.ts';
import { LIST_BUCKET, startEmulator, startService, stop, stopEmulator, workDir } from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// GET /buckets/:b/domains?limit=100 (a page of 1,000 managed domains) at c=32, answered from the store
// alone (no OSS call): one service on the embedded SQLite store, one on a throwaway PostgreSQL on
// loopback (test/helpers/postgres-cluster.ts, the cluster the test suite uses), the same 1,000 rows
// written into each beforehand, measured in alternating rounds. Informational: the issue sets no goal;
// the ratio says what PostgreSQL's round trips cost against the in-process store.

const DOMAINS = 1_000;
const CONCURRENCY = 32;
const ROUNDS = 3;
const WINDOW = { durationMs: 3000, warmupMs: 700, concurrency: CONCURRENCY };

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  const postgres = await startPostgresCluster();
  try {
    const embeddedDir = join(work.dir, 'embedded');
    await seedDomains({ dataDir: embeddedDir, bucket: LIST_BUCKET, count: DOMAINS, due: false });
    await seedDomains({ databaseUrl: postgres.url, bucket: LIST_BUCKET, count: DOMAINS, due: false });
    const embedded = await startService(work.dir, emulator, { env: { DATA_DIR: embeddedDir } });
    const pg = await startService(work.dir, emulator, {
      env: { DATABASE_URL: postgres.url, DATA_DIR: join(work.dir, 'pg-side') },
    });
    try {
      const path = `/buckets/${LIST_BUCKET}/domains?limit=100`;
      for (const service of [embedded, pg]) {
        const res = await fetch(service.url + path, { headers: service.headers });
        const body = (await res.json()) as { items?: unknown[]; nextCursor?: string | null };
        if (res.status !== 200 || body.items?.length !== 100 || !body.nextCursor)
          throw new Error(`GET /domains answered ${res.status} with ${body.items?.length} items`);
      }
      const r = await measureAlternating(
        {
          embedded: { kind: 'http', spec: { url: embedded.url + path, headers: embedded.headers } },
          postgres: { kind: 'http', spec: { url: pg.url + path, headers: pg.headers } },
        },
        WINDOW,
        ROUNDS,
      );
      return rows(r as Record<'embedded' | 'postgres', LoadResult>);
    } finally {
      await Promise.all([stop(embedded.child), stop(pg.child)]);
    }
  } finally {
    await postgres.destroy();
    await stopEmulator(emulator);
    work.cleanup();
  }
}

function rows({ embedded, postgres }: Record<'embedded' | 'postgres', LoadResult>): BenchRow[] {
  const label = `GET /domains (${DOMAINS.toLocaleString('en-US')} managed, page of 100), c=${CONCURRENCY}, embedded store`;
  const comparison = 'the same against PostgreSQL';
  return [
    {
      name: `${label}: throughput`,
      unit: 'req/s',
      ours: embedded.requestsPerSecond,
      comparison: { label: comparison, value: postgres.requestsPerSecond },
      ratio: embedded.requestsPerSecond / postgres.requestsPerSecond,
      higherIsBetter: true,
      notes: `informational; ${embedded.requests} vs ${postgres.requests} requests in ${ROUNDS} alternating rounds; p99 ${embedded.p99Ms.toFixed(1)} vs ${postgres.p99Ms.toFixed(1)} ms`,
    },
    {
      name: `${label}: p50`,
      unit: 'ms',
      ours: embedded.p50Ms,
      comparison: { label: comparison, value: postgres.p50Ms },
      ratio: embedded.p50Ms / postgres.p50Ms,
      higherIsBetter: false,
    },
  ];
}
