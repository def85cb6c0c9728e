// The delivery log's housekeeping on both engines: delivered rows past WEBHOOK_DELIVERY_RETENTION_DAYS go,
// pending ones stay and are the backlog; and through the app, /metrics shows attempts by outcome, the
// delivery latency and the backlog.
import { afterAll, describe, expect, it } from 'vitest';
import { pendingDeliveries, pruneDelivered } from '../../src/webhooks/housekeeping.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';
import { domainEvent, publish, startWorker } from './helpers/worker.ts';
import { startReceiver } from './receiver.ts';

const DAY = 86_400_000;
const subscribe = (url: string, buckets: string[]) => ({
  url,
  events: ['domain.bound' as const],
  buckets,
  creatorKeyId: 'ops',
});

describeEachEngine('webhook delivery retention', (engine) => {
  it('prunes delivered deliveries past the retention, keeps pending ones and counts them', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    const up = await startReceiver((res) => res.writeHead(204).end());
    const down = await startReceiver((res) => res.socket?.destroy());
    try {
      const delivered = await kit.worker.subscriptions.create(subscribe(up.url, ['web-a']), new Date());
      const pending = await kit.worker.subscriptions.create(subscribe(down.url, ['web-*']), new Date());
      await publish(store, [domainEvent('domain.bound', 'web-a', 'a.example.com')]);
      await kit.worker.tick();
      expect((await kit.worker.deliveries.list(delivered.id, 5)).map((d) => d.state)).toEqual(['delivered']);
      expect(await pendingDeliveries(store)).toBe(1);

      const sent = kit.clock.time;
      expect(await pruneDelivered(store, 30, new Date(sent + 29 * DAY))).toBe(0);
      expect(await pruneDelivered(store, 30, new Date(sent + 31 * DAY))).toBe(1);
      expect(await kit.worker.deliveries.list(delivered.id, 5)).toEqual([]);
      expect((await kit.worker.deliveries.list(pending.id, 5)).map((d) => d.state)).toEqual(['pending']);
      expect(await pendingDeliveries(store)).toBe(1);
    } finally {
      await kit.close();
      await up.close();
      await down.close();
    }
  });
});

describe('webhook metrics', () => {
  const ops = testKey('ops');
  let t: TestApp | undefined;
  let r: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterAll(async () => {
    await t?.app.close();
    await r?.close();
  });

  it('/metrics shows attempts by outcome, the latency of deliveries and the backlog', async () => {
    // b.example.com's event is refused and asked back in an hour: it stays pending for the whole test.
    r = await startReceiver((res) => {
      const refused = r?.received.at(-1)?.body.includes('b.example.com');
      res.writeHead(refused ? 503 : 200, refused ? { 'retry-after': '3600' } : {}).end();
    });
    t = await startApp({
      keys: [ops],
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'silent' },
      deps: { webhooks: { pollMs: 20 } },
    });
    const { app } = t;
    const created = await app.inject({
      method: 'POST',
      url: '/webhooks',
      headers: { ...ops.headers, 'content-type': 'application/json' },
      payload: { url: r.url, events: ['domain.bound'], buckets: ['web-*'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    await publish(app.store, [
      domainEvent('domain.bound', 'web-a', 'a.example.com'),
      domainEvent('domain.bound', 'web-a', 'b.example.com'),
    ]);
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline) {
      text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      if (text.includes('outcome="delivered"} 1') && text.includes('outcome="retry"} 1')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toContain('webhook_delivery_attempts_total{outcome="delivered"} 1');
    expect(text).toContain('webhook_delivery_attempts_total{outcome="retry"} 1');
    expect(text).toMatch(/webhook_delivery_attempt_duration_seconds_count\{outcome="retry"\} 1/);
    expect(text).toContain('webhook_delivery_latency_seconds_count 1');
    expect(text).toContain('webhook_deliveries_pending 1');
  });
});
