import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { burstOf } from '../../src/reconciler/dns-rate.ts';
import { type DnsCounter, startDnsCounter } from '../../test/helpers/dns-counter.ts';
import { startPostgresCluster } from '../../test/helpers/postgres-cluster.ts';
import { ensureBuilt } from '../lib/build.ts';
import { type Engine, embedded, postgres } from '../lib/domain-progress.ts';
import { seedDomains } from '../lib/seed.ts';
import {
  type EmulatorProcess,
  LIST_BUCKET,
  startEmulator,
  startService,
  stop,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// The reconciler over 5,000 due managed domains (pending ownership, their TXT records never published, so
// each check finds nothing and schedules the next): the time from the service being ready until every
// domain was checked once, on the embedded store and on a throwaway PostgreSQL, with RECONCILE_DNS_QPS
// high enough not to be what limits the pass. Then a second run on the embedded store with a low
// RECONCILE_DNS_QPS: the queries per second DNS saw, counted by a UDP forwarder in front of the
// emulator's DNS server (test/helpers/dns-counter.ts), not by the service.

const DOMAINS = 5_000;
const PASS_QPS = 100_000;
const HELD_QPS = 100;
const HELD_WINDOW_MS = 10_000;
const PASS_TIMEOUT_MS = 300_000;

function dnsEnv(counter: DnsCounter): NodeJS.ProcessEnv {
  return { DNS_RESOLVERS: `127.0.0.1:${counter.port}`, DNS_AUTHORITATIVE_PORT: String(counter.port) };
}

/** Milliseconds from ready to the last of DOMAINS first checks, and the DNS queries sent meanwhile. */
async function pass(dir: string, emulator: EmulatorProcess, counter: DnsCounter, engine: Engine) {
  const startedAt = Date.now();
  const service = await startService(dir, emulator, {
    env: { ...engine.env, ...dnsEnv(counter), RECONCILE_DNS_QPS: String(PASS_QPS) },
  });
  const readyAt = Date.now();
  const readyPerf = performance.now();
  try {
    const deadline = readyAt + PASS_TIMEOUT_MS;
    for (;;) {
      const { checked, lastMs } = await engine.progress(startedAt);
      if (checked >= DOMAINS) {
        const ms = lastMs - readyAt;
        return { ms, queries: counter.between(readyPerf, readyPerf + ms) };
      }
      if (Date.now() > deadline) throw new Error(`${engine.label}: ${checked} of ${DOMAINS} checked in time`);
      await delay(250);
    }
  } finally {
    await stop(service.child);
  }
}

/** Queries per second over HELD_WINDOW_MS of a pass held to HELD_QPS. */
async function held(dir: string, emulator: EmulatorProcess, counter: DnsCounter, engine: Engine) {
  const service = await startService(dir, emulator, {
    env: { ...engine.env, ...dnsEnv(counter), RECONCILE_DNS_QPS: String(HELD_QPS) },
  });
  try {
    // The first second is the loop getting going (claiming, its first burst); the window is steady state.
    const from = performance.now() + 1_000;
    await delay(HELD_WINDOW_MS + 1_000);
    return counter.between(from, from + HELD_WINDOW_MS);
  } finally {
    await stop(service.child);
  }
}

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  const counter = await startDnsCounter(emulator.dns);
  const cluster = await startPostgresCluster();
  const engines: Engine[] = [];
  try {
    const dataDir = join(work.dir, 'embedded');
    await seedDomains({ dataDir, bucket: LIST_BUCKET, count: DOMAINS, due: true });
    await seedDomains({ databaseUrl: cluster.url, bucket: LIST_BUCKET, count: DOMAINS, due: true });
    engines.push(embedded(dataDir), await postgres(cluster.url, join(work.dir, 'pg-side')));
    const [sqlite, pg] = engines as [Engine, Engine];
    const a = await pass(work.dir, emulator, counter, sqlite);
    process.stderr.write(`bench: embedded pass ${(a.ms / 1000).toFixed(1)} s, ${a.queries} DNS queries\n`);
    const b = await pass(work.dir, emulator, counter, pg);
    process.stderr.write(`bench: PostgreSQL pass ${(b.ms / 1000).toFixed(1)} s, ${b.queries} DNS queries\n`);
    // The embedded store's domains are all due again only in a minute; fresh ones keep the loop busy.
    const heldDir = join(work.dir, 'held');
    await seedDomains({ dataDir: heldDir, bucket: LIST_BUCKET, count: DOMAINS, due: true });
    const heldEngine = embedded(heldDir);
    engines.push(heldEngine);
    const heldQueries = await held(work.dir, emulator, counter, heldEngine);
    const qps = (heldQueries / HELD_WINDOW_MS) * 1000;
    // Any window may hold the rate's share plus one burst (a tenth of a second's worth, by design).
    const allowed = (HELD_QPS * HELD_WINDOW_MS) / 1000 + burstOf(HELD_QPS);
    const perDomain = (a.queries / DOMAINS).toFixed(1);
    return [
      {
        name: `Reconciler: one pass over ${DOMAINS.toLocaleString('en-US')} due domains, embedded store`,
        unit: 's',
        ours: a.ms / 1000,
        comparison: { label: 'the same on PostgreSQL', value: b.ms / 1000 },
        ratio: a.ms / b.ms,
        higherIsBetter: false,
        notes: `informational; ${(DOMAINS / (a.ms / 1000)).toFixed(0)} vs ${(DOMAINS / (b.ms / 1000)).toFixed(0)} domains/s; ${perDomain} DNS queries per domain, ${((a.queries / a.ms) * 1000).toFixed(0)} vs ${((b.queries / b.ms) * 1000).toFixed(0)} q/s (RECONCILE_DNS_QPS=${PASS_QPS}, not the limit)`,
      },
      {
        name: `Reconciler: DNS queries per second, RECONCILE_DNS_QPS=${HELD_QPS}`,
        unit: 'q/s',
        ours: qps,
        comparison: { label: 'RECONCILE_DNS_QPS', value: HELD_QPS },
        ratio: qps / HELD_QPS,
        higherIsBetter: false,
        goal: {
          text: `<= the setting (+ its ${burstOf(HELD_QPS)}-query burst)`,
          met: heldQueries <= allowed,
        },
        notes: `${heldQueries} queries counted at a UDP forwarder in front of the emulator's DNS over ${HELD_WINDOW_MS / 1000} s of a pass over ${DOMAINS.toLocaleString('en-US')} due domains (at most ${allowed} allowed); at this rate a pass over them takes ${((DOMAINS * Number(perDomain)) / HELD_QPS / 60).toFixed(0)} min`,
      },
    ];
  } finally {
    for (const engine of engines) await engine.close();
    await cluster.destroy();
    await counter.close();
    await stopEmulator(emulator);
    work.cleanup();
  }
}
