// PostgreSQL restarted under load, on a cluster of this test's own: while it is down every write is
// answered 503 store-unavailable (problem+json, Retry-After) and nothing else, writes are served again
// within 10 s of it coming back, and every answered attach matches the rows kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { type PostgresCluster, startPostgresCluster } from '../helpers/postgres-cluster.ts';
import { type DomainStack, startDomainStack, until } from '../reconciler/helpers.ts';

let cluster: PostgresCluster;
let store: Store;
let stack: DomainStack;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  store = await openStore({ databaseUrl: cluster.url });
  stack = await startDomainStack({}, { store });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await store?.close();
  await cluster?.destroy();
});

interface Sent {
  domain: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  code: string | undefined;
  type: string | null;
  retryAfter: string | null;
}

describe('PostgreSQL restarted under load', () => {
  it('answers only 503 store-unavailable meanwhile, and serves writes again within 10 s', async () => {
    const sent: Sent[] = [];
    let n = 0;
    let running = true;
    const writer = async () => {
      while (running) {
        const domain = `load-${n++}.example.com`;
        const sentAt = Date.now();
        const res = await fetch(`${stack.base}/buckets/examplebucket/domains`, {
          method: 'POST',
          headers: { ...stack.admin.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ domain, certificate: 'none' }),
        });
        const body = (await res.json()) as { code?: string };
        sent.push({
          domain,
          sentAt,
          answeredAt: Date.now(),
          status: res.status,
          code: body.code,
          type: res.headers.get('content-type'),
          retryAfter: res.headers.get('retry-after'),
        });
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    const served = () => sent.filter((s) => s.status === 202).length;
    await until('writes served', async () => (served() >= 20 ? true : undefined));

    // Taken once pg_ctl says the server is down: a write sent while it was still shutting down may
    // rightly be served.
    await cluster.stop('fast');
    const stoppedAt = Date.now();
    await until('writes refused', async () =>
      sent.filter((s) => s.sentAt > stoppedAt && s.status === 503).length >= 20 ? true : undefined,
    );
    // The server accepts connections a little before pg_ctl start returns (it polls), and a write sent
    // then is rightly served: "during" ends when the start is asked for.
    const startingAt = Date.now();
    await cluster.start();
    const upAt = Date.now();
    const back = await until(
      'writes served again',
      async () => sent.find((s) => s.sentAt >= upAt && s.status === 202),
      15_000,
    );
    running = false;
    await Promise.all(writers);

    expect(back.answeredAt - upAt).toBeLessThan(10_000);
    const during = sent.filter((s) => s.sentAt > stoppedAt && s.answeredAt < startingAt);
    expect(during.length).toBeGreaterThanOrEqual(20);
    for (const s of sent.filter((x) => x.status !== 202)) {
      expect(s).toMatchObject({
        status: 503,
        code: 'store-unavailable',
        type: expect.stringContaining('application/problem+json'),
        retryAfter: '5',
      });
    }
    expect(during.every((s) => s.status === 503)).toBe(true);
    // Nothing answered 202 was lost, nothing refused was kept.
    const rows = await store.query<{ domain: string }>('SELECT domain FROM managed_domains');
    expect(new Set(rows.map((r) => r.domain))).toEqual(
      new Set(sent.filter((s) => s.status === 202).map((s) => s.domain)),
    );
  }, 60_000);
});
