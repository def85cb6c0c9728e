// The expiry watch of certificates bound through /cnames, on both engines and a clock the test moves:
// each threshold is raised once per certificate, a restart (a new process on the same database) raises
// nothing again, two replicas at once raise it once, a dead replica's claim runs out, a replaced
// certificate starts afresh, and a managed domain's certificate is left to the reconciler.
import { expect, it } from 'vitest';
import { CertificateWatchRepository } from '../../src/cert-watch/index.ts';
import { newDomainRow } from '../../src/domains/index.ts';
import { eventsOfDomain } from '../../src/events/index.ts';
import { DomainRepository } from '../../src/reconciler/index.ts';
import type { Store } from '../../src/store/index.ts';
import { FakeOss } from '../helpers/fake-oss.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';
import { BUCKET, bindCertificate, Clock, DAY, SETTINGS, T0, watchOn } from './helpers.ts';

const DOMAIN = 'www.example.com';

async function warnings(store: Store, domain = DOMAIN) {
  const events = await eventsOfDomain(store, BUCKET, domain, 100);
  return events.reverse().map((e) => {
    expect(e.type).toBe('domain.certificate_expiring');
    return (e.data as { thresholdDays: number }).thresholdDays;
  });
}

describeEachEngine('certificate expiry watch', (engine) => {
  it('raises 30, 14, 7 and 3 days before notAfter, each once; a restart raises nothing again', async () => {
    const settings = await engine.freshSettings();
    let store = await engine.open(settings);
    const fake = new FakeOss({ buckets: { [BUCKET]: 'cn-hangzhou' } });
    const clock = new Clock();
    bindCertificate(fake, DOMAIN, new Date(T0.getTime() + 40 * DAY));
    await new CertificateWatchRepository(store).register(BUCKET, clock.now(), clock.now());
    let watch = watchOn(store, fake, clock);
    const expected: number[] = [];
    // [day, threshold raised then]: 40 days left at day 0.
    const steps: Array<[number, number | null]> = [
      [0, null],
      [9.9, null],
      [10.01, 30],
      [10.5, null],
      [26.01, 14],
      [26.02, null],
      [33.01, 7],
      [37.01, 3],
      [39.9, null],
      [41, null],
    ];
    for (const [day, threshold] of steps) {
      clock.to(day);
      await watch.runOnce();
      await watch.runOnce();
      if (threshold !== null) expected.push(threshold);
      expect(await warnings(store), `day ${day}`).toEqual(expected);
      if (day === 26.01) {
        // A restart: a new process, a new store on the same database, nothing remembered in memory.
        await store.close();
        store = await engine.open(settings);
        watch = watchOn(store, fake, clock);
      }
    }
    const [first] = await eventsOfDomain(store, BUCKET, DOMAIN, 100).then((e) => e.reverse());
    expect(first?.data).toEqual({
      bucket: BUCKET,
      domain: DOMAIN,
      managed: false,
      binding: `/buckets/${BUCKET}/cnames/${DOMAIN}`,
      certificate: {
        type: 'Upload',
        certId: 'AA01-cn-hangzhou',
        fingerprint: 'AA:01',
        notBefore: new Date(T0.getTime() - DAY).toISOString(),
        notAfter: new Date(T0.getTime() + 40 * DAY).toISOString(),
      },
      thresholdDays: 30,
      daysLeft: 29,
    });
  });

  it('a certificate with 10 days left raises only the nearest threshold; its replacement starts afresh', async () => {
    const store = await engine.freshStore();
    const fake = new FakeOss({ buckets: { [BUCKET]: 'cn-hangzhou' } });
    const clock = new Clock();
    bindCertificate(fake, DOMAIN, new Date(T0.getTime() + 10 * DAY));
    await new CertificateWatchRepository(store).register(BUCKET, clock.now(), clock.now());
    const watch = watchOn(store, fake, clock);
    await watch.runOnce();
    expect(await warnings(store)).toEqual([14]);
    clock.to(4);
    bindCertificate(fake, DOMAIN, new Date(T0.getTime() + 20 * DAY), 'BB:02');
    await watch.runOnce();
    expect(await warnings(store)).toEqual([14, 30]);
    clock.to(7);
    await watch.runOnce();
    expect(await warnings(store)).toEqual([14, 30, 14]);
  });

  it('two replicas at once raise a threshold once; a dead replica only delays it by its lease', async () => {
    const settings = await engine.freshSettings();
    const a = await engine.open(settings);
    // SQLite is one process per DATA_DIR: the second "replica" shares its store.
    const b = engine.kind === 'postgres' ? await engine.open(settings) : a;
    const fake = new FakeOss({ buckets: { [BUCKET]: 'cn-hangzhou' } });
    const clock = new Clock();
    bindCertificate(fake, DOMAIN, new Date(T0.getTime() + 20 * DAY));
    bindCertificate(fake, 'shop.example.com', new Date(T0.getTime() + 5 * DAY), 'CC:03');
    const repo = new CertificateWatchRepository(a);
    await repo.register(BUCKET, clock.now(), clock.now());
    await Promise.all([watchOn(a, fake, clock).runOnce(), watchOn(b, fake, clock).runOnce()]);
    expect(await warnings(a)).toEqual([30]);
    expect(await warnings(a, 'shop.example.com')).toEqual([7]);

    // A replica claims the bucket and dies before writing.
    clock.to(6.5);
    expect(await repo.claimDue(clock.now(), 10, 'dead-replica', SETTINGS.leaseMs)).toHaveLength(1);
    const survivor = watchOn(b, fake, clock);
    expect(await survivor.runOnce()).toBe(0);
    clock.t += SETTINGS.leaseMs;
    expect(await survivor.runOnce()).toBe(1);
    expect(await warnings(a)).toEqual([30, 14]);
  });

  it('leaves a managed certificate to the reconciler and forgets unbound ones', async () => {
    const store = await engine.freshStore();
    const fake = new FakeOss({ buckets: { [BUCKET]: 'cn-hangzhou' } });
    const clock = new Clock();
    const managed = newDomainRow(
      { bucket: BUCKET, domain: 'api.example.com', certificateMode: 'managed' },
      T0,
    );
    await new DomainRepository(store).insert({ ...managed, nextCheckAt: null }, [], T0);
    bindCertificate(fake, 'api.example.com', new Date(T0.getTime() + 5 * DAY), 'DD:04');
    bindCertificate(fake, DOMAIN, new Date(T0.getTime() + 20 * DAY));
    const repo = new CertificateWatchRepository(store);
    await repo.register(BUCKET, clock.now(), clock.now());
    const watch = watchOn(store, fake, clock);
    await watch.runOnce();
    expect(await warnings(store, 'api.example.com')).toEqual([]);
    expect(await warnings(store)).toEqual([30]);
    expect((await repo.remembered(BUCKET)).map((w) => w.domain)).toEqual([DOMAIN]);

    fake.bindings.set(BUCKET, []);
    clock.to(0.5);
    await watch.runOnce();
    expect(await repo.remembered(BUCKET)).toEqual([]);
    // No certificate left a day after the last registration: the bucket's watch ends.
    clock.to(1.1);
    await watch.runOnce();
    expect(await store.query('SELECT bucket FROM certificate_watch')).toEqual([]);
  });
});
