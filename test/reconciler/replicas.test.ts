// Two service processes on one PostgreSQL share the managed domains: the first is killed with -9 while
// its PutCname is answered late (the binding made at OSS, the row not yet written); the second, running
// beside it, takes its domains over once their leases pass. No domain is lost, each gets one PutCname.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { buildEmulator, type Emulator } from '../../src/emulator/index.ts';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';
import { createPostgresDatabase } from '../store/helpers/engines.ts';
import { until } from './helpers.ts';

const DOMAINS = ['r1.example.com', 'r2.example.com', 'r3.example.com', 'r4.example.com'];
let emulator: Emulator;
let work: string;
let key: string;
let env: Record<string, string>;
const services: ServiceProcess[] = [];

beforeAll(async () => {
  emulator = await buildEmulator({ log: () => {} });
  work = mkdtempSync(join(tmpdir(), 'oss-cname-reconcile-'));
  const created = createAllScopesKeyFileEntry('reconcile-test');
  key = created.key;
  writeFileSync(join(work, 'keys.json'), JSON.stringify({ keys: [created.entry] }));
  env = {
    ...EPHEMERAL,
    LOG_LEVEL: 'info',
    API_KEYS_FILE: join(work, 'keys.json'),
    OSS_CREDENTIALS_PROVIDER: 'static',
    OSS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    OSS_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    OSS_ENDPOINT: emulator.url,
    DNS_RESOLVERS: `${emulator.dns.host}:${emulator.dns.port}`,
    DNS_AUTHORITATIVE_PORT: String(emulator.dns.port),
    RECONCILE_POLL_MS: '100',
    RECONCILE_BASE_DELAY_MS: '100',
    RECONCILE_MAX_DELAY_MS: '200',
    RECONCILE_LEASE_MS: '1000',
    // Long enough that the drift watch sends no extra calls while the test counts.
    RECONCILE_WATCH_INTERVAL_MS: '600000',
  };
});
afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

function started(databaseUrl: string): ServiceProcess {
  const service = startService({ ...env, DATABASE_URL: databaseUrl });
  services.push(service);
  return service;
}

const headers = () => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

describe('managed domains over two replicas on one PostgreSQL', () => {
  it('a replica killed mid-reconcile loses no domain and repeats no PutCname', async () => {
    const databaseUrl = await createPostgresDatabase();
    const first = started(databaseUrl);
    const url = await first.url();
    // OSS binds, then answers late: the process dies between the binding and its row. Counts every PutCname.
    const fault = emulator.addFault({ op: 'PutCname', kind: 'delay', delayMs: 10_000, when: 'after' });
    const putCnames = () => emulator.state().faults.find((f) => f.id === fault.id)?.hits ?? 0;
    for (const domain of DOMAINS) {
      const res = await fetch(`${url}/buckets/examplebucket/domains`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ domain, certificate: 'none' }),
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as {
        dnsRecords: Array<{ purpose: string; name: string; value: string }>;
      };
      const txt = body.dnsRecords.find((r) => r.purpose === 'ownership');
      if (txt === undefined) throw new Error('no ownership record');
      await emulator.setDnsRecord(txt.name, { type: 'TXT', values: [txt.value] });
    }
    await until('a PutCname in flight', async () => (putCnames() >= 1 ? true : undefined));
    // The first works one domain at a time. Counted before the second starts: that one begins binding the
    // domains nobody holds as soon as it is up, which a loaded machine may let happen before its URL is read.
    expect(putCnames()).toBe(1);
    // The second replica runs beside the first before it dies; the rows the first holds wait for its lease.
    const second = started(databaseUrl);
    const secondUrl = await second.url();
    first.child.kill('SIGKILL');
    await first.exited;
    // From here on OSS answers at once; PutCnames are still counted.
    const lateHits = putCnames();
    emulator.clearFaults();
    const counter = emulator.addFault({ op: 'PutCname', kind: 'delay', delayMs: 0, when: 'after' });
    const allPutCnames = () =>
      lateHits + (emulator.state().faults.find((f) => f.id === counter.id)?.hits ?? 0);

    await until(
      'every domain bound',
      async () => {
        const res = await fetch(`${secondUrl}/buckets/examplebucket/domains?status=bound`, {
          headers: headers(),
        });
        const page = (await res.json()) as { items: unknown[] };
        return page.items.length === DOMAINS.length ? true : undefined;
      },
      30_000,
    );
    expect(allPutCnames()).toBe(DOMAINS.length);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        "SELECT domain, count(*)::int AS n FROM domain_events WHERE type = 'domain.bound' GROUP BY domain ORDER BY domain",
      );
      expect(rows).toEqual(DOMAINS.map((domain) => ({ domain, n: 1 })));
    } finally {
      await db.end();
    }
  }, 60_000);
});
