// Service processes over one store, as operators run them: two replicas on one PostgreSQL honour one
// Idempotency-Key (one change at OSS, one success in the audit log), and a process killed with -9 in the
// middle of a bind leaves a key its retry can use once the lease has passed (and a DATA_DIR lock the next
// process takes over).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { buildEmulator, type Emulator } from '../../src/emulator/index.ts';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';
import { createPostgresDatabase } from './helpers/engines.ts';

const BUCKET = 'examplebucket';
let emulator: Emulator;
let work: string;
let key: string;
let env: Record<string, string>;
const services: ServiceProcess[] = [];

beforeAll(async () => {
  emulator = await buildEmulator({ log: () => {} });
  work = mkdtempSync(join(tmpdir(), 'oss-cname-replicas-'));
  const created = createAllScopesKeyFileEntry('replica-test');
  key = created.key;
  writeFileSync(join(work, 'keys.json'), JSON.stringify({ keys: [created.entry] }));
  env = {
    ...EPHEMERAL,
    LOG_LEVEL: 'warn',
    API_KEYS_FILE: join(work, 'keys.json'),
    OSS_CREDENTIALS_PROVIDER: 'static',
    OSS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    OSS_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    OSS_ENDPOINT: emulator.url,
    DNS_RESOLVERS: `${emulator.dns.host}:${emulator.dns.port}`,
    DNS_AUTHORITATIVE_PORT: String(emulator.dns.port),
    IDEMPOTENCY_LEASE_MS: '2000',
  };
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  emulator.clearFaults();
});
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

async function started(extra: Record<string, string>): Promise<string> {
  const service = startService({ ...env, LOG_LEVEL: 'info', ...extra });
  services.push(service);
  return service.url();
}

const headers = (idempotencyKey?: string) => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
  ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
});

async function prove(url: string, domain: string): Promise<void> {
  const res = await fetch(`${url}/buckets/${BUCKET}/cname-tokens`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ domain }),
  });
  const { token } = (await res.json()) as { token: string };
  await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
}

const bind = (url: string, domain: string, idempotencyKey: string) =>
  fetch(`${url}/buckets/${BUCKET}/cnames/${domain}`, {
    method: 'PUT',
    headers: headers(idempotencyKey),
    body: '{}',
  });

const putCnameHits = () =>
  emulator.state().faults.find((f) => f.op === 'PutCname' && f.kind === 'delay')?.hits ?? 0;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two replicas on one PostgreSQL', () => {
  it('50 parallel requests with one key: one change at OSS, one success in the audit log', async () => {
    const databaseUrl = await createPostgresDatabase();
    const [a, b] = await Promise.all([
      started({ DATABASE_URL: databaseUrl }),
      started({ DATABASE_URL: databaseUrl }),
    ]);
    const domain = 'replicas.example.com';
    await prove(a, domain);
    // Every PutCname is counted, and held a moment so the others arrive while it runs.
    emulator.addFault({ op: 'PutCname', kind: 'delay', delayMs: 300 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const res = await bind(i % 2 === 0 ? a : b, domain, 'one-bind');
        await res.arrayBuffer();
        return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true' };
      }),
    );
    expect(answers.filter((r) => r.status === 201 && !r.replayed)).toHaveLength(1);
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(putCnameHits()).toBe(1);
    const last = await bind(b, domain, 'one-bind');
    expect([last.status, last.headers.get('idempotent-replayed')]).toEqual([201, 'true']);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        "SELECT outcome, count(*)::int AS n FROM audit_log WHERE action = 'putBinding' GROUP BY outcome",
      );
      const byOutcome = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
      expect(byOutcome.success).toBe(1);
      expect((byOutcome['idempotency-key-in-use'] ?? 0) + (byOutcome.replayed ?? 0)).toBe(50);
    } finally {
      await db.end();
    }
  }, 120_000);
});

describe('kill -9 during a bind', () => {
  it('the retry with the key runs once the lease passed, on the next process over the same DATA_DIR', async () => {
    const dataDir = join(work, 'data');
    const domain = 'killed.example.com';
    const first = startService({ ...env, LOG_LEVEL: 'info', DATA_DIR: dataDir });
    services.push(first);
    const a = await first.url();
    await prove(a, domain);
    emulator.addFault({ op: 'PutCname', kind: 'hang', count: 1 });
    emulator.addFault({ op: 'PutCname', kind: 'delay', delayMs: 0 });
    void bind(a, domain, 'crash-bind').catch(() => {});
    await until('the bind to reach OSS', async () => (emulator.state().faults.length < 2 ? true : undefined));
    first.child.kill('SIGKILL');
    await first.exited;

    const b = await started({ DATA_DIR: dataDir });
    const retried = await until('the retry to run', async () => {
      const res = await bind(b, domain, 'crash-bind');
      const body = await res.text();
      if (res.status === 409) {
        expect(JSON.parse(body).code).toBe('idempotency-key-in-use');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        return undefined;
      }
      return res;
    });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(emulator.state().bindings.filter((x) => x.domain === domain)).toHaveLength(1);
    const replay = await bind(b, domain, 'crash-bind');
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
  }, 120_000);
});

describe('one process per DATA_DIR', () => {
  it('refuses a second process on the same DATA_DIR at start, with one clear line', async () => {
    const dataDir = join(work, 'shared-data');
    await started({ DATA_DIR: dataDir });
    const second = startService({ ...env, DATA_DIR: dataDir });
    services.push(second);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    const pid = services[0]?.child.pid;
    expect(second.stderr).toEqual([
      `Configuration error: DATA_DIR: DATA_DIR ${dataDir} is in use by another process (pid ${pid}); stop it, or give this one another DATA_DIR (or DATABASE_URL for several replicas)`,
    ]);
  }, 60_000);
});

describe('emulator mode across a restart', () => {
  it('finds the emulator state and the store in DATA_DIR again', async () => {
    const dataDir = join(work, 'emulator-data');
    const run = async () => {
      const service = startService({ ...EPHEMERAL, DATA_DIR: dataDir });
      services.push(service);
      const line = await service.waitFor((l) => l.startsWith('Development API key: '));
      return { service, url: await service.url(), key: line.slice('Development API key: '.length) };
    };
    const first = await run();
    const created = await fetch(`${first.url}/buckets/${BUCKET}/cname-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'restart.example.com' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    first.service.child.kill('SIGTERM');
    expect(await first.service.exited).toEqual({ code: 0, signal: null });

    const second = await run();
    const auth = { authorization: `Bearer ${second.key}` };
    const read = await fetch(`${second.url}/buckets/${BUCKET}/cname-tokens/restart.example.com`, {
      headers: auth,
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { token: string }).token).toBe(token);
    const audit = await fetch(`${second.url}/audit?domain=restart.example.com`, { headers: auth });
    expect(((await audit.json()) as { items: unknown[] }).items).toMatchObject([
      { action: 'createCnameToken', outcome: 'success' },
    ]);
  }, 90_000);
});
