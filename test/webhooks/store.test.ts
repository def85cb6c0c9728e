// Subscriptions, deliveries and the fan-out cursor on both engines.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { createSealer } from '../../src/secrets/index.ts';
import { signingSecrets, WebhookDeliveries, WebhookSubscriptions } from '../../src/webhooks/index.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';
import { domainEvent, publish, startWorker } from './helpers/worker.ts';

const sealer = createSealer([randomBytes(32)]);
const input = {
  url: 'https://hooks.example.com/x',
  events: ['domain.bound' as const],
  buckets: ['web-*'],
  creatorKeyId: 'ops',
};

describeEachEngine('webhook subscriptions and deliveries in the store', (engine) => {
  it('keeps subscriptions with sealed secrets; rotation keeps the old one signing for 24 h', async () => {
    const store = await engine.freshStore();
    const subs = new WebhookSubscriptions(store, sealer);
    const now = new Date('2026-12-06T00:00:00Z');
    const created = await subs.create(input, now);
    expect(created).toMatchObject({ ...input, status: 'active', secretRotatedAt: null });
    expect(created.secret).toMatch(/^whsec_/);
    const [row] = await store.query<Record<string, string>>('SELECT * FROM webhook_subscriptions');
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    expect(await subs.list()).toHaveLength(1);

    const rotated = await subs.rotate(created.id, now);
    expect(rotated?.secret).not.toBe(created.secret);
    const secrets = await subs.secrets(created.id);
    expect(secrets && signingSecrets(secrets, new Date(now.getTime() + 3_600_000))).toEqual([
      rotated?.secret,
      created.secret,
    ]);
    expect(secrets && signingSecrets(secrets, new Date(now.getTime() + 25 * 3_600_000))).toEqual([
      rotated?.secret,
    ]);
    expect(await subs.delete(created.id)).toBe(true);
    expect(await subs.get(created.id)).toBeUndefined();
    expect(await subs.delete(created.id)).toBe(false);
  });

  it('a sealed secret moved to another subscription does not open', async () => {
    const store = await engine.freshStore();
    const subs = new WebhookSubscriptions(store, sealer);
    const a = await subs.create(input, new Date());
    const b = await subs.create(input, new Date());
    await store.run(
      'UPDATE webhook_subscriptions SET secret_sealed = (SELECT secret_sealed FROM webhook_subscriptions WHERE id = $1) WHERE id = $2',
      [a.id, b.id],
    );
    await expect(subs.secrets(b.id)).rejects.toThrow(/did not open/);
  });

  it('fans out each event once to the matching subscriptions and moves the cursor with the rows', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    try {
      const subs = kit.worker.subscriptions;
      const web = await subs.create(input, new Date());
      const all = await subs.create(
        { ...input, events: ['domain.bound', 'domain.created'], buckets: ['*'] },
        new Date(),
      );
      const ids = await publish(store, [
        domainEvent('domain.created', 'web-a', 'a.example.com'),
        domainEvent('domain.bound', 'web-a', 'a.example.com'),
        domainEvent('domain.bound', 'other', 'b.example.com'),
      ]);
      // Nothing listens: deliveries stay pending, and a second pass adds nothing.
      await store.run("UPDATE webhook_subscriptions SET url = 'http://127.0.0.1:9/none'");
      const deliveries = new WebhookDeliveries(store);
      await kit.worker.tick();
      await kit.worker.tick();
      const [cursor] = await store.query<{ last_seq: number }>('SELECT last_seq FROM webhook_cursor');
      expect(Number(cursor?.last_seq)).toBe(3);
      expect((await deliveries.list(web.id, 10)).map((d) => d.eventId)).toEqual([ids[1]]);
      expect((await deliveries.list(all.id, 10)).map((d) => d.eventId)).toEqual([ids[2], ids[1], ids[0]]);
    } finally {
      await kit.close();
    }
  });

  it('lets one worker at a time hold a delivery, and another take it over when the lease ran out', async () => {
    const store = await engine.freshStore();
    const subs = new WebhookSubscriptions(store, sealer);
    const deliveries = new WebhookDeliveries(store);
    const s = await subs.create(input, new Date());
    const [eventId] = await publish(store, [domainEvent('domain.bound', 'web-a', 'a.example.com')]);
    const key = { subscriptionId: s.id, eventId: eventId ?? '' };
    const t0 = new Date();
    await store.transaction((tx) =>
      deliveries.add(tx, { ...key, eventSeq: 1, eventType: 'domain.bound' }, t0),
    );
    await store.transaction((tx) =>
      deliveries.add(tx, { ...key, eventSeq: 1, eventType: 'domain.bound' }, t0),
    );
    const lease = new Date(t0.getTime() + 60_000);
    expect(await deliveries.claim(key, 'a', t0, lease)).toBe(1);
    expect(await deliveries.claim(key, 'b', t0, lease)).toBeUndefined();
    const later = new Date(lease.getTime() + 1);
    expect(await deliveries.claim(key, 'b', later, new Date(later.getTime() + 60_000))).toBe(2);
    const outcome = { state: 'delivered' as const, nextAttemptAt: null, status: 200, error: null };
    expect(await store.transaction((tx) => deliveries.settle(tx, key, 'a', outcome, later))).toBe(false);
    expect(await store.transaction((tx) => deliveries.settle(tx, key, 'b', outcome, later))).toBe(true);
    expect(await deliveries.get(key)).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 });
    expect(await deliveries.redeliver(key, later)).toBe(true);
    expect(await deliveries.get(key)).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
