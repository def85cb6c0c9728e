// Two workers (two replicas, each with its own pool) on one PostgreSQL database: every event reaches every
// matching subscription once, neither lost nor sent twice, while both fan out and deliver at once.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { appendEvents } from '../../src/events/index.ts';
import { createSealer } from '../../src/secrets/index.ts';
import { describeOnPostgres } from '../store/helpers/engines.ts';
import { domainEvent, publish, startWorker, TestClock } from './helpers/worker.ts';
import { startReceiver } from './receiver.ts';

describeOnPostgres('two webhook workers on one store', (engine) => {
  it('deliver each event once per subscription', async () => {
    const settings = await engine.freshSettings();
    const storeA = await engine.open(settings);
    const storeB = await engine.open(settings);
    const sealer = createSealer([randomBytes(32)]);
    const clock = new TestClock();
    const a = startWorker(storeA, { sealer, clock });
    const b = startWorker(storeB, { sealer, clock });
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const subs = [];
      for (let i = 0; i < 2; i++) {
        const input = {
          url: `${r.url}?sub=${i}`,
          events: ['domain.bound' as const],
          buckets: ['*'],
          creatorKeyId: 'ops',
        };
        subs.push(await a.worker.subscriptions.create(input, new Date()));
      }
      const ids: string[] = [];
      for (let round = 0; round < 5; round++) {
        // Events keep arriving from both replicas while both workers run.
        const batch = Array.from({ length: 8 }, (_, i) =>
          domainEvent('domain.bound', 'web', `d${round}-${i}.example.com`),
        );
        const [fromA, fromB] = await Promise.all([
          publish(storeA, batch.slice(0, 4)),
          publish(storeB, batch.slice(4)),
        ]);
        ids.push(...fromA, ...fromB);
        await Promise.all([a.worker.tick(), b.worker.tick(), a.worker.tick(), b.worker.tick()]);
      }
      await Promise.all([a.worker.tick(), b.worker.tick()]);
      const got = r.received.map((x) => `${x.headers['webhook-id']}`);
      expect(got).toHaveLength(ids.length * subs.length);
      const urls = r.received.map((x) => `${x.headers['webhook-id']} ${x.url}`);
      expect(new Set(urls).size).toBe(urls.length);
      for (const id of ids) expect(got.filter((x) => x === id)).toHaveLength(2);
      const [pending] = await storeA.query<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status <> 'delivered'",
      );
      expect(Number(pending?.n)).toBe(0);
    } finally {
      await a.close();
      await b.close();
      await r.close();
    }
  });

  it('never skips an event whose transaction commits after a later one', async () => {
    const settings = await engine.freshSettings();
    const storeA = await engine.open(settings);
    const storeB = await engine.open(settings);
    const kit = startWorker(storeB, { gapGraceMs: 600_000 });
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const input = { url: r.url, events: ['domain.bound' as const], buckets: ['*'], creatorKeyId: 'ops' };
      await kit.worker.subscriptions.create(input, new Date());
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let early: string[] = [];
      let taken = () => {};
      const seqTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      const slow = storeA.transaction(async (tx) => {
        early = await appendEvents(tx, [domainEvent('domain.bound', 'web', 'early.example.com')]);
        taken();
        await held;
      });
      await seqTaken;
      const late = await publish(storeB, [domainEvent('domain.bound', 'web', 'late.example.com')]);
      await kit.worker.tick();
      await kit.worker.tick();
      expect(r.received).toHaveLength(0);
      release();
      await slow;
      await kit.worker.tick();
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([...early, ...late]);
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('passes the gap a rolled-back event left, once it stayed open for the grace', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store, { gapGraceMs: 50 });
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const input = { url: r.url, events: ['domain.bound' as const], buckets: ['*'], creatorKeyId: 'ops' };
      await kit.worker.subscriptions.create(input, new Date());
      await store
        .transaction(async (tx) => {
          await appendEvents(tx, [domainEvent('domain.bound', 'web', 'rolled-back.example.com')]);
          throw new Error('the change failed');
        })
        .catch(() => {});
      const [kept] = await publish(store, [domainEvent('domain.bound', 'web', 'kept.example.com')]);
      const deadline = Date.now() + 10_000;
      while (r.received.length === 0 && Date.now() < deadline) await kit.worker.tick();
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([kept]);
    } finally {
      await kit.close();
      await r.close();
    }
  });

  it('times every gap it sees at once: two rollbacks cost one grace, not two', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store, { gapGraceMs: 300 });
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const input = { url: r.url, events: ['domain.bound' as const], buckets: ['*'], creatorKeyId: 'ops' };
      await kit.worker.subscriptions.create(input, new Date());
      const rolledBack = () =>
        store
          .transaction(async (tx) => {
            await appendEvents(tx, [domainEvent('domain.bound', 'web', 'rolled-back.example.com')]);
            throw new Error('the change failed (a replica killed mid-transaction)');
          })
          .catch(() => {});
      await rolledBack();
      const [first] = await publish(store, [domainEvent('domain.bound', 'web', 'first.example.com')]);
      await rolledBack();
      const [second] = await publish(store, [domainEvent('domain.bound', 'web', 'second.example.com')]);
      await kit.worker.tick();
      expect(r.received).toHaveLength(0);
      const deadline = Date.now() + 10_000;
      while (r.received.length === 0 && Date.now() < deadline) await kit.worker.tick();
      // The tick that passes the first gap passes the second too: both were seen on the first tick.
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual([first, second]);
    } finally {
      await kit.close();
      await r.close();
    }
  });
});
