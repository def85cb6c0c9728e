import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { newDomainRow, toDomainResource } from '../../src/domains/index.ts';
import { appendEvents } from '../../src/events/index.ts';
import { SQLITE_FILE } from '../../src/store/index.ts';
import { openSqlite } from '../../src/store/sqlite.ts';
import { ensureBuilt } from '../lib/build.ts';
import { quantile } from '../lib/latency.ts';
import { LIST_BUCKET, startEmulator, startService, stop, stopEmulator, workDir } from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// Webhook delivery: 10,000 domain events to one subscribed receiver on 127.0.0.1, the service on its
// embedded store. The events are written into the store's outbox (domain_events) by the bench, 100 per
// transaction as the reconciler writes a change and its events together, through a second connection to
// the service's SQLite file (WAL: the service reads what another connection committed); the service's
// worker finds them by polling as it would find another writer's. Latency runs from each event's commit
// to its first receipt (webhook-id); deliveries per second from the first commit to the last receipt.

const EVENTS = 10_000;
const PER_TRANSACTION = 100;
const DEADLINE_MS = 300_000;

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  const received = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const id = req.headers['webhook-id'];
    req.resume();
    req.on('end', () => {
      if (typeof id === 'string' && !received.has(id)) received.set(id, performance.now());
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const address = receiver.address();
  const receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  const dataDir = join(work.dir, 'data');
  try {
    const service = await startService(work.dir, emulator, {
      env: {
        DATA_DIR: dataDir,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        SECRETS_KEY: randomBytes(32).toString('base64'),
      },
    });
    try {
      const res = await fetch(`${service.url}/webhooks`, {
        method: 'POST',
        headers: { ...service.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiverUrl, events: ['domain.created'], buckets: ['*'] }),
      });
      if (res.status !== 201)
        throw new Error(`creating the webhook answered ${res.status}: ${await res.text()}`);
      const committed = await writeEvents(dataDir);
      const deadline = performance.now() + DEADLINE_MS;
      while (received.size < EVENTS) {
        if (performance.now() > deadline)
          throw new Error(`${received.size} of ${EVENTS} webhooks received in time`);
        await delay(200);
      }
      const latencies = Float64Array.from(
        [...committed].map(([id, at]) => (received.get(id) as number) - at),
      ).sort();
      const first = Math.min(...committed.values());
      const last = Math.max(...received.values());
      const perSecond = (EVENTS / (last - first)) * 1000;
      const label = `Webhooks: ${EVENTS.toLocaleString('en-US')} events to a receiver on 127.0.0.1`;
      return [
        {
          name: `${label}: deliveries per second`,
          unit: 'deliveries/s',
          ours: perSecond,
          higherIsBetter: true,
          notes: `informational; ${EVENTS} events committed ${PER_TRANSACTION} per transaction into the embedded store's outbox, each received once (${received.size} webhook-ids)`,
        },
        {
          name: `${label}: p50 from state change to receipt`,
          unit: 's',
          ours: quantile(latencies, 0.5) / 1000,
          higherIsBetter: false,
        },
        {
          name: `${label}: p99 from state change to receipt`,
          unit: 's',
          ours: quantile(latencies, 0.99) / 1000,
          higherIsBetter: false,
        },
      ];
    } finally {
      await stop(service.child);
    }
  } finally {
    receiver.close();
    await stopEmulator(emulator);
    work.cleanup();
  }
}

/** Commits EVENTS domain.created events; returns each event's id with the moment its transaction committed. */
async function writeEvents(dataDir: string): Promise<Map<string, number>> {
  const store = openSqlite(join(dataDir, SQLITE_FILE));
  const committed = new Map<string, number>();
  try {
    const now = new Date();
    for (let i = 0; i < EVENTS; i += PER_TRANSACTION) {
      const events = Array.from({ length: PER_TRANSACTION }, (_, k) => {
        const domain = `w${i + k}.${LIST_BUCKET}.bench.example.com`;
        const row = newDomainRow({ bucket: LIST_BUCKET, domain, certificateMode: 'none' }, now);
        return {
          type: 'domain.created' as const,
          bucket: LIST_BUCKET,
          domain,
          at: new Date(),
          data: toDomainResource(row, now),
        };
      });
      const ids = await store.transaction((tx) => appendEvents(tx, events));
      const at = performance.now();
      for (const id of ids) committed.set(id, at);
    }
  } finally {
    await store.close();
  }
  return committed;
}
