// The embedded store's disk full (SQLite's max_page_count caps the file where it stands) and then read-only
// (query_only, what a remounted file system gives): writes are refused with 503 store-unavailable, and
// after recovery every answer matches what was kept: a 202 has its row, event and audit entry, a refusal
// left nothing, and its retry with the same Idempotency-Key runs once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreUnavailable, openStore, type Store } from '../../src/store/index.ts';
import { type Answer, type DomainStack, startDomainStack, until } from '../reconciler/helpers.ts';

let dir: string;
let store: Store;
let stack: DomainStack;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oss-cname-full-'));
  store = await openStore({ dataDir: dir });
  stack = await startDomainStack({ IDEMPOTENCY_LEASE_MS: 1_000 }, { store });
});
afterAll(async () => {
  await stack?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function attach(domain: string, key?: string): Promise<Answer> {
  const res = await fetch(`${stack.base}/buckets/examplebucket/domains`, {
    method: 'POST',
    headers: {
      ...stack.admin.headers,
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify({ domain, certificate: 'none' }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function expectRefused(answer: Answer): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body.code).toBe('store-unavailable');
  expect(answer.headers.get('retry-after')).toBe('5');
}

const count = async (sql: string, params: string[]) =>
  Number((await store.query<{ n: number }>(sql, params))[0]?.n);

describe('the embedded store full, then read-only', () => {
  it('refuses writes with store-unavailable and keeps nothing half-written', async () => {
    expect((await attach('before.example.com', 'k-before')).status).toBe(202);
    const answers = new Map<string, { key: string | undefined; answer: Answer }>();
    // Full: the file may not grow past its current pages; writes that fit in them still land.
    const [{ page_count: pages } = { page_count: 0 }] = await store.query<{ page_count: number }>(
      'PRAGMA page_count',
    );
    await store.query(`PRAGMA max_page_count = ${pages}`);
    let refused = 0;
    for (let i = 0; i < 80 && refused < 4; i++) {
      const domain = `full-${i}.example.com`;
      // Every other request carries a key: with and without one the refusal must be the same.
      const key = i % 2 === 0 ? `k-full-${i}` : undefined;
      const answer = await attach(domain, key);
      answers.set(domain, { key, answer });
      if (answer.status === 202) continue;
      expectRefused(answer);
      refused++;
    }
    expect(refused).toBe(4);

    // Read-only: room again, but no write at all.
    await store.query('PRAGMA max_page_count = 1000000');
    await store.query('PRAGMA query_only = ON');
    for (const [domain, key] of [
      ['ro-1.example.com', 'k-ro-1'],
      ['ro-2.example.com', undefined],
    ] as const) {
      const answer = await attach(domain, key);
      expectRefused(answer);
      answers.set(domain, { key, answer });
    }
    // Reads stay served meanwhile.
    expect((await stack.call('GET', '/buckets/examplebucket/domains/before.example.com')).status).toBe(200);

    await store.query('PRAGMA query_only = OFF');
    expect(await store.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    for (const [domain, { key, answer }] of answers) {
      const rows = await count('SELECT COUNT(*) AS n FROM managed_domains WHERE domain = $1', [domain]);
      const created = await count(
        "SELECT COUNT(*) AS n FROM domain_events WHERE domain = $1 AND type = 'domain.created'",
        [domain],
      );
      const audited = await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE domain = $1 AND outcome = 'success'",
        [domain],
      );
      const kept = answer.status === 202 ? 1 : 0;
      expect({ domain, rows, created, audited }).toEqual({
        domain,
        rows: kept,
        created: kept,
        audited: kept,
      });
      if (key === undefined || kept === 1) continue;
      // The refused request's retry with its key runs (once its lease passed, if the release was lost).
      const retried = await until('the retry runs', async () => {
        const again = await attach(domain, key);
        return again.status === 409 && again.body.code === 'idempotency-key-in-use' ? undefined : again;
      });
      expect(retried.status, JSON.stringify(retried.body)).toBe(202);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect(await count('SELECT COUNT(*) AS n FROM managed_domains WHERE domain = $1', [domain])).toBe(1);
    }
  });

  it("keeps a statement's own mistake a 500: only the database's unavailability is store-unavailable", async () => {
    const failure = (work: Promise<unknown>) =>
      work.then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isStoreUnavailable(await failure(store.query('SELECT * FROM no_such_table')))).toBe(false);
    const duplicate = "INSERT INTO webhook_cursor (name, last_seq) VALUES ('fault-test', 1)";
    await store.run(duplicate);
    expect(isStoreUnavailable(await failure(store.run(duplicate)))).toBe(false);
    await store.query('PRAGMA query_only = ON');
    const readOnly = await failure(store.run("DELETE FROM webhook_cursor WHERE name = 'fault-test'"));
    await store.query('PRAGMA query_only = OFF');
    expect(isStoreUnavailable(readOnly)).toBe(true);
    expect(isStoreUnavailable(new Error('not from the store'))).toBe(false);
  });
});
