// Two replicas (service processes) on one PostgreSQL while one of them is killed with -9 and started
// again, over and over, during 200 managed-domain lifecycles: attach, records published in the emulator's
// DNS, bound, and for a subset a certificate from Pebble. Afterwards no domain is lost, no certificate was
// attached twice (PutCnames counted as OSS saw them), no transition was recorded twice, and every event
// reached the webhook receiver on 127.0.0.1 at least once, under one webhook-id however often it was sent.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pebble, startPebble } from '../../src/acme/pebble/index.ts';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { DOMAIN_EVENT_TYPES } from '../../src/domains/states.ts';
import { buildEmulator, type Emulator } from '../../src/emulator/index.ts';
import { ALIDNS_SEED, KEY_A, ZONE } from '../alidns/helpers.ts';
import { until } from '../reconciler/helpers.ts';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';
import { createPostgresDatabase } from '../store/helpers/engines.ts';
import { startReceiver } from '../webhooks/receiver.ts';
import { startOssRecorder } from './helpers/oss-recorder.ts';

const DOMAINS = Array.from({ length: 200 }, (_, i) => `life-${i}.example.com`);
// A subset with certificates, spread over the run: a pass issues its certificate before it moves on, and
// the service polls its ACME orders once a second, so each takes seconds of one replica's loop.
const MANAGED = new Set(DOMAINS.filter((_, i) => i % 20 === 0));
// 93-97 s measured on a loaded 2-core machine (6 and 8 kills): each restart leaves one replica alone
// for seconds, and a process takes seconds to start.
const KILLS = 6;

let emulator: Emulator;
let pebble: Pebble;
let recorder: Awaited<ReturnType<typeof startOssRecorder>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let work: string;
let key: string;
let env: Record<string, string>;
let db: pg.Client;
const everyProcess: ServiceProcess[] = [];

beforeAll(async () => {
  emulator = await buildEmulator({ seed: ALIDNS_SEED, log: () => {} });
  pebble = await startPebble({ dnsServer: emulator.dns });
  recorder = await startOssRecorder(emulator.url);
  receiver = await startReceiver((res) => res.writeHead(204).end());
  work = mkdtempSync(join(tmpdir(), 'oss-cname-kill-'));
  const created = createAllScopesKeyFileEntry('faults');
  key = created.key;
  writeFileSync(join(work, 'keys.json'), JSON.stringify({ keys: [created.entry] }));
  writeFileSync(join(work, 'pebble-ca.pem'), pebble.tlsCaPem);
  const databaseUrl = await createPostgresDatabase();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  env = {
    ...EPHEMERAL,
    LOG_LEVEL: 'info',
    API_KEYS_FILE: join(work, 'keys.json'),
    DATABASE_URL: databaseUrl,
    // Both replicas seal and open the same secrets (the ACME account key, certificate keys, webhooks).
    SECRETS_KEY: randomBytes(32).toString('base64'),
    OSS_CREDENTIALS_PROVIDER: 'static',
    OSS_ACCESS_KEY_ID: KEY_A.accessKeyId,
    OSS_ACCESS_KEY_SECRET: KEY_A.accessKeySecret,
    OSS_ENDPOINT: recorder.url,
    DNS_RESOLVERS: `${emulator.dns.host}:${emulator.dns.port}`,
    DNS_AUTHORITATIVE_PORT: String(emulator.dns.port),
    CNAME_CACHE_MS: '0',
    // The test polls hard and attaches 100 domains per bucket with one key: neither limit is under test.
    RATE_LIMIT_MAX: '1000000',
    TOKENS_PER_KEY_PER_BUCKET: '1000',
    ACME_DIRECTORY_URL: pebble.directoryUrl,
    ACME_CA_FILE: join(work, 'pebble-ca.pem'),
    ACME_DNS_ZONE: ZONE,
    ALIDNS_ENDPOINT: emulator.url,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // A delivery held by a killed replica is another's after 4 timeouts.
    WEBHOOK_TIMEOUT_MS: '1000',
    RECONCILE_POLL_MS: '100',
    RECONCILE_BASE_DELAY_MS: '100',
    RECONCILE_MAX_DELAY_MS: '300',
    RECONCILE_LEASE_MS: '1000',
    // A key held by a killed replica frees after this; the default 30 s would outlast a client's patience.
    IDEMPOTENCY_LEASE_MS: '2000',
    RECONCILE_BATCH_SIZE: '10',
    RECONCILE_WATCH_INTERVAL_MS: '600000',
  };
}, 60_000);
afterAll(async () => {
  await Promise.all(everyProcess.map((s) => s.stop()));
  await db?.end();
  await receiver?.close();
  await recorder?.close();
  await pebble?.close();
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The two replicas; a slot is undefined while its process is being replaced. */
const replicas: Array<{ service: ServiceProcess; url: string } | undefined> = [undefined, undefined];
/** Set when a client failed: the killer and the other clients stop instead of touching closed parts. */
let stopped = false;

async function launch(slot: number): Promise<void> {
  const service = startService(env);
  everyProcess.push(service);
  replicas[slot] = { service, url: await service.url() };
}

const headers = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
  ...extra,
});

/** Sends to a live replica; a killed one's refused or cut connection is tried again on the other. */
async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    const target = replicas[attempt % 2] ?? replicas[(attempt + 1) % 2];
    try {
      if (target === undefined) throw new Error('no replica up');
      const res = await fetch(`${target.url}${path}`, {
        method,
        headers: headers(extra),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const answer = { status: res.status, body: text ? JSON.parse(text) : undefined };
      // The other replica answers a key its killed peer held once that lease passed; 503 while restarting.
      if (answer.status === 409 && answer.body?.code === 'idempotency-key-in-use') throw new Error('in use');
      if (answer.status >= 500) throw new Error(`answered ${answer.status}`);
      return answer;
    } catch (error) {
      if (Date.now() > deadline || stopped) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// OSS binds at most 100 domains to a bucket: the lifecycles are spread over two.
const bucketOf = (domain: string) => (DOMAINS.indexOf(domain) % 2 === 0 ? 'examplebucket' : 'otherbucket');

async function lifecycle(domain: string): Promise<void> {
  const certificate = MANAGED.has(domain) ? 'managed' : 'none';
  const bucket = bucketOf(domain);
  const attached = await call(
    'POST',
    `/buckets/${bucket}/domains`,
    { domain, certificate },
    { 'idempotency-key': `attach-${domain}` },
  );
  // A retry whose first try landed on a replica killed before it kept the answer finds the domain managed.
  if (attached.status !== 202 && attached.body?.code !== 'domain-already-managed') {
    throw new Error(`attach ${domain}: ${attached.status} ${JSON.stringify(attached.body)}`);
  }
  const resource =
    attached.status === 202 ? attached : await call('GET', `/buckets/${bucket}/domains/${domain}`);
  for (const record of resource.body.dnsRecords as Array<{
    name: string;
    type: 'TXT' | 'CNAME';
    value: string;
  }>) {
    await emulator.setDnsRecord(record.name, { type: record.type, values: [record.value] });
  }
}

const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0]?.n ?? 0);
const settled = () =>
  count(
    // Ready: bound, and with a valid certificate where one is managed.
    "SELECT COUNT(*) AS n FROM managed_domains WHERE status = 'bound' AND ready = 1",
  );

describe('two replicas on one PostgreSQL, one killed -9 again and again', () => {
  it('lose no domain, attach each certificate once and deliver every event', async () => {
    await Promise.all([launch(0), launch(1)]);
    const subscribed = await call('POST', '/webhooks', {
      url: receiver.url,
      events: [...DOMAIN_EVENT_TYPES],
      buckets: ['*'],
    });
    expect(subscribed.status).toBe(201);

    const kills: number[] = [];
    let attached = 0;
    const queue = [...DOMAINS];
    const clients = Array.from({ length: 16 }, async () => {
      for (let domain = queue.shift(); domain !== undefined; domain = queue.shift()) {
        await lifecycle(domain);
        attached++;
      }
    });
    // The killer: at every (KILLS + 2)th of the progress (attaches, then domains settled), one replica is
    // killed with -9 and a new process takes its place; meanwhile the other serves alone.
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        const step = (k + 1) * (400 / (KILLS + 2));
        const more = await until(
          'progress',
          async () => {
            if (stopped) return false;
            const progress = attached + (await settled());
            return progress >= step ? true : progress >= 400 ? false : undefined;
          },
          60_000,
        );
        if (!more || stopped) return;
        const slot = k % 2;
        const victim = replicas[slot];
        replicas[slot] = undefined;
        victim?.service.child.kill('SIGKILL');
        await victim?.service.exited;
        kills.push(Date.now());
        await launch(slot);
      }
    })();
    try {
      await Promise.all(clients);
    } catch (error) {
      stopped = true;
      await killer.catch(() => {});
      throw error;
    }
    await killer;
    expect(kills.length).toBeGreaterThanOrEqual(KILLS / 2);

    await until(
      'every domain bound, the managed ones ready',
      async () => ((await settled()) === DOMAINS.length ? true : undefined),
      60_000,
    );
    // No domain lost, none doubled.
    const rows = (await db.query('SELECT domain, status FROM managed_domains ORDER BY domain')).rows;
    expect(rows.map((r) => r.domain).sort()).toEqual([...DOMAINS].sort());

    // Every transition recorded once: a killed replica's work is taken over, not repeated.
    const events = (await db.query('SELECT id, domain, type FROM domain_events')).rows as Array<{
      id: string;
      domain: string;
      type: string;
    }>;
    for (const domain of DOMAINS) {
      const types = events
        .filter((e) => e.domain === domain)
        .map((e) => e.type)
        .sort();
      const expected = MANAGED.has(domain)
        ? [
            'domain.bound',
            'domain.certificate_issued',
            'domain.created',
            'domain.ownership_verified',
            'domain.ready',
          ]
        : ['domain.bound', 'domain.created', 'domain.ownership_verified', 'domain.ready'];
      expect({ domain, types }).toEqual({ domain, types: expected.sort() });
    }

    // OSS saw one binding per domain, and one certificate attach per managed domain, each its own.
    const bindings = recorder.putCnames.filter((p) => p.certificate === null).map((p) => p.domain);
    expect(bindings.sort()).toEqual([...DOMAINS].sort());
    const withCertificate = recorder.putCnames.filter((p) => p.certificate !== null);
    expect(withCertificate.map((p) => p.domain).sort()).toEqual([...MANAGED].sort());
    expect(new Set(withCertificate.map((p) => p.certificate)).size).toBe(MANAGED.size);

    // Every event delivered at least once; a resend carries the same webhook-id and the same event.
    await until(
      'every event delivered',
      async () => {
        const got = new Set(receiver.received.map((r) => String(r.headers['webhook-id'])));
        return events.every((e) => got.has(e.id)) ? true : undefined;
      },
      60_000,
    );
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const got of receiver.received) {
      const event = byId.get(String(got.headers['webhook-id']));
      const body = JSON.parse(got.body) as { type: string; data: { domain: string } };
      expect({ type: body.type, domain: body.data.domain }).toEqual({
        type: event?.type,
        domain: event?.domain,
      });
    }
  }, 150_000);
});
