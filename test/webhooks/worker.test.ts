// The delivery worker on both engines against real receivers on 127.0.0.1, with a clock the test moves:
// signatures checked by the npm `standardwebhooks` package, a receiver down for a simulated hour, 410, Retry-After, a
// worker that died mid-attempt, and SSRF refusals.
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { verifyWebhook } from '../../clients/typescript/src/index.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';
import { domainEvent, publish, startWorker } from './helpers/worker.ts';
import { startReceiver } from './receiver.ts';

const subscribe = (url: string) => ({
  url,
  events: ['domain.created' as const, 'domain.bound' as const],
  buckets: ['web-*'],
  creatorKeyId: 'ops',
});

describeEachEngine('the webhook delivery worker', (engine) => {
  it('delivers each event signed per Standard Webhooks, the envelope built from the outbox', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    const r = await startReceiver((res) => res.writeHead(204).end());
    try {
      const sub = await kit.worker.subscriptions.create(subscribe(r.url), new Date());
      const ids = await publish(store, [
        domainEvent('domain.created', 'web-a', 'a.example.com'),
        domainEvent('domain.bound', 'web-a', 'a.example.com'),
        domainEvent('domain.bound', 'elsewhere', 'b.example.com'),
      ]);
      await kit.worker.tick();
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual(ids.slice(0, 2));
      for (const got of r.received) {
        const payload = new Webhook(sub.secret).verify(got.body, got.headers as Record<string, string>);
        expect(payload).toMatchObject({ data: { domain: 'a.example.com', bucket: 'web-a' } });
      }
      expect(JSON.parse(r.received[1]?.body ?? '')).toMatchObject({
        type: 'domain.bound',
        timestamp: expect.any(String),
      });
      const delivered = await kit.worker.deliveries.list(sub.id, 10);
      expect(delivered.map((d) => [d.state, d.attempts, d.lastStatus])).toEqual([
        ['delivered', 1, 204],
        ['delivered', 1, 204],
      ]);
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('works through a backlog batch after batch, not one batch per poll interval', async () => {
    const store = await engine.freshStore();
    // A poll interval far longer than the test: only a worker that goes on after a full batch finishes.
    const kit = startWorker(store, { batch: 5, pollMs: 3_600_000 });
    const r = await startReceiver((res) => res.writeHead(204).end());
    try {
      await kit.worker.subscriptions.create(subscribe(r.url), new Date());
      const ids = await publish(
        store,
        Array.from({ length: 23 }, (_, i) => domainEvent('domain.created', 'web-a', `n${i}.example.com`)),
      );
      kit.worker.start();
      const deadline = Date.now() + 10_000;
      while (r.received.length < ids.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(new Set(r.received.map((x) => x.headers['webhook-id']))).toEqual(new Set(ids));
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('a receiver down for an hour gets everything afterwards, with the same webhook-ids', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    let up = false;
    const r = await startReceiver((res) => (up ? res.writeHead(200).end() : res.socket?.destroy()));
    try {
      const sub = await kit.worker.subscriptions.create(subscribe(r.url), new Date());
      const start = kit.clock.time;
      const ids = await publish(store, [
        domainEvent('domain.created', 'web-a', 'a.example.com'),
        domainEvent('domain.bound', 'web-a', 'a.example.com'),
      ]);
      await kit.worker.tick();
      const failed = await kit.worker.deliveries.list(sub.id, 10);
      expect(failed.map((d) => [d.state, d.attempts, d.lastError?.code])).toEqual([
        ['pending', 1, 'webhook-unreachable'],
        ['pending', 1, 'webhook-unreachable'],
      ]);
      // Not yet due: the second attempt is 5 s after the first.
      expect(failed[0]?.nextAttemptAt?.getTime()).toBe(start + 5_000);
      // The hour passes on the schedule: the clock jumps to each next due attempt, and an event arrives
      // twenty minutes in, while the receiver is still down.
      let late = false;
      for (;;) {
        const pending = await kit.worker.deliveries.list(sub.id, 10);
        const next = Math.min(...pending.map((d) => d.nextAttemptAt?.getTime() ?? Infinity));
        if (!late && Math.min(next, start + 3_600_000) >= start + 20 * 60_000) {
          kit.clock.time = start + 20 * 60_000;
          ids.push(...(await publish(store, [domainEvent('domain.bound', 'web-a', 'b.example.com')])));
          late = true;
        } else if (next > start + 3_600_000) break;
        else kit.clock.time = next;
        await kit.worker.tick();
      }
      const down = await kit.worker.deliveries.list(sub.id, 10);
      expect(down.every((d) => d.state === 'pending')).toBe(true);
      // Tried now, 5 s, 5 min and 30 min after each failure: four attempts each within the hour.
      expect(down.map((d) => d.attempts)).toEqual([4, 4, 4]);
      expect(r.received).toHaveLength(12);
      up = true;
      kit.clock.time = Math.max(...down.map((d) => d.nextAttemptAt?.getTime() ?? 0));
      // The next try is 2 h after the last failed one.
      expect(kit.clock.time).toBe(start + 20 * 60_000 + 5_000 + 5 * 60_000 + 30 * 60_000 + 2 * 3_600_000);
      await kit.worker.tick();
      const seen = r.received.map((x) => String(x.headers['webhook-id']));
      expect(new Set(seen)).toEqual(new Set(ids));
      const after = r.received.slice(12);
      expect(after.map((x) => x.headers['webhook-id']).sort()).toEqual([...ids].sort());
      for (const got of after) {
        const verified = verifyWebhook(sub.secret, got.headers as Record<string, string>, got.body, {
          now: kit.clock.now(),
        });
        expect(ids).toContain(verified.id);
      }
      expect((await kit.worker.deliveries.list(sub.id, 10)).map((d) => [d.state, d.attempts])).toEqual([
        ['delivered', 5],
        ['delivered', 5],
        ['delivered', 5],
      ]);
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('honours Retry-After, and 410 disables the subscription', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    const r = await startReceiver((res, n) =>
      n === 1 ? res.writeHead(429, { 'retry-after': '120' }).end() : res.writeHead(410).end(),
    );
    try {
      const sub = await kit.worker.subscriptions.create(subscribe(r.url), new Date());
      await publish(store, [domainEvent('domain.created', 'web-a', 'a.example.com')]);
      await kit.worker.tick();
      const [first] = await kit.worker.deliveries.list(sub.id, 1);
      expect(first).toMatchObject({ state: 'pending', lastStatus: 429 });
      expect(first?.nextAttemptAt?.getTime()).toBe(kit.clock.time + 120_000);
      kit.clock.advance(60_000);
      await kit.worker.tick();
      expect(r.received).toHaveLength(1);
      kit.clock.advance(60_000);
      await kit.worker.tick();
      expect(r.received).toHaveLength(2);
      expect(await kit.worker.subscriptions.get(sub.id)).toMatchObject({ status: 'disabled' });
      expect((await kit.worker.deliveries.list(sub.id, 1))[0]).toMatchObject({
        state: 'disabled',
        lastStatus: 410,
      });
      // Nothing more goes to a disabled subscription.
      await publish(store, [domainEvent('domain.bound', 'web-a', 'a.example.com')]);
      kit.clock.advance(3_600_000);
      await kit.worker.tick();
      expect(r.received).toHaveLength(2);
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('sends again, with the same webhook-id, what a worker that died mid-attempt held', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const sub = await kit.worker.subscriptions.create(subscribe(r.url), new Date());
      const [id] = await publish(store, [domainEvent('domain.created', 'web-a', 'a.example.com')]);
      // Another worker fanned it out and claimed it, then died before settling it (kill -9).
      const key = { subscriptionId: sub.id, eventId: id ?? '' };
      const at = kit.clock.now();
      await store.transaction((tx) =>
        kit.worker.deliveries.add(tx, { ...key, eventSeq: 1, eventType: 'domain.created' }, at),
      );
      expect(await kit.worker.deliveries.claim(key, 'dead', at, new Date(at.getTime() + 60_000))).toBe(1);
      await kit.worker.tick();
      expect(r.received).toHaveLength(0);
      kit.clock.advance(60_001);
      await kit.worker.tick();
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([id]);
      expect((await kit.worker.deliveries.list(sub.id, 1))[0]).toMatchObject({
        state: 'delivered',
        attempts: 2,
      });
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('refuses a private target when WEBHOOK_ALLOW_PRIVATE_NETWORKS is off, at connect time', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store, { allowPrivateNetworks: false });
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      // Saved as a public-looking name that resolves to loopback (what DNS rebinding would do).
      const sub = await kit.worker.subscriptions.create(
        subscribe(`http://localhost:${r.port}/hook`),
        new Date(),
      );
      await publish(store, [domainEvent('domain.created', 'web-a', 'a.example.com')]);
      await kit.worker.tick();
      expect(r.received).toHaveLength(0);
      expect((await kit.worker.deliveries.list(sub.id, 1))[0]).toMatchObject({
        state: 'pending',
        lastError: { code: 'webhook-target-forbidden' },
      });
    } finally {
      await kit.close();
      await r.close();
    }
  });
});
