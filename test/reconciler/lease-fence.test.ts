// A replica that stalls past its lease (its heartbeat could not renew it) while another replica claims the
// row must not write to OSS: before each PutCname a pass checks that the claim is still its own. Found by
// the replicas-kill fault test, where a certificate was attached twice under CI load.
import { expect, it } from 'vitest';
import { DEFAULT_RECONCILE_OPTIONS, type DomainRow, newDomainRow } from '../../src/domains/index.ts';
import { createOssPort, DomainRepository, reconcileOne } from '../../src/reconciler/index.ts';
import { OssAccess } from '../../src/services/oss-access/index.ts';
import { FakeOss } from '../helpers/fake-oss.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

const T0 = new Date('2026-12-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const LEASE_MS = 30_000;
const DOMAIN = 'fence.example.com';

/** No DNS is asked on these passes: the row is past its DNS check, and certificates are off. */
const noDns = {
  check: () => Promise.reject(new Error('no DNS in this test')),
  acmeChallenge: () => Promise.reject(new Error('no DNS in this test')),
  zoneOf: () => Promise.resolve(undefined),
};

async function pass(repository: DomainRepository, oss: FakeOss, row: DomainRow, owner: string, now: Date) {
  const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
  return reconcileOne(row, owner, {
    repository,
    ports: { oss: createOssPort(access), dns: noDns },
    options: { ...DEFAULT_RECONCILE_OPTIONS, leaseMs: LEASE_MS },
    now: () => now,
  });
}

describeEachEngine('a pass whose claim passed to another replica', (engine) => {
  it('stops before PutCname and writes nothing; the new owner binds the domain once', async () => {
    const repository = new DomainRepository(await engine.freshStore());
    const row: DomainRow = {
      ...newDomainRow({ bucket: 'examplebucket', domain: DOMAIN, certificateMode: 'none' }, T0),
      status: 'binding',
      token: { value: 'tok', expiresAt: at(72 * 3600) },
    };
    await repository.insert(row, [], T0);
    const [stalled] = await repository.claimDue(at(1), 10, 'replica-a', LEASE_MS);
    // replica-a stalls past its lease; replica-b claims the row meanwhile.
    const [taken] = await repository.claimDue(at(40), 10, 'replica-b', LEASE_MS);
    if (stalled === undefined || taken === undefined) throw new Error('a claim took nothing');

    const oss = new FakeOss().addBucket('examplebucket', 'cn-hangzhou');
    expect(await pass(repository, oss, stalled, 'replica-a', at(41))).toBe('lost');
    expect(oss.operations().filter((op) => op !== 'GetBucketLocation')).toEqual(['ListCname']);
    expect(await repository.get('examplebucket', DOMAIN)).toMatchObject({
      status: 'binding',
      leaseOwner: 'replica-b',
      version: taken.version,
    });

    expect(await pass(repository, oss, taken, 'replica-b', at(42))).toBe('saved');
    expect(oss.operations().filter((op) => op === 'PutCname')).toEqual(['PutCname']);
    expect(await repository.get('examplebucket', DOMAIN)).toMatchObject({
      status: 'bound',
      leaseOwner: null,
    });
  });

  it('sends no DeleteCname for a domain being deleted once its claim passed', async () => {
    const repository = new DomainRepository(await engine.freshStore());
    const row: DomainRow = {
      ...newDomainRow({ bucket: 'examplebucket', domain: DOMAIN, certificateMode: 'none' }, T0),
      status: 'deleting',
    };
    await repository.insert(row, [], T0);
    const [stalled] = await repository.claimDue(at(1), 10, 'replica-a', LEASE_MS);
    await repository.claimDue(at(40), 10, 'replica-b', LEASE_MS);
    if (stalled === undefined) throw new Error('the claim took nothing');
    const oss = new FakeOss().addBucket('examplebucket', 'cn-hangzhou');
    expect(await pass(repository, oss, stalled, 'replica-a', at(41))).toBe('lost');
    expect(oss.operations()).not.toContain('DeleteCname');
    expect(await repository.get('examplebucket', DOMAIN)).toMatchObject({
      status: 'deleting',
      leaseOwner: 'replica-b',
    });
  });

  it('extends the lease it confirms, so no other replica can claim the row meanwhile', async () => {
    const repository = new DomainRepository(await engine.freshStore());
    await repository.insert(
      newDomainRow({ bucket: 'b', domain: DOMAIN, certificateMode: 'none' }, T0),
      [],
      T0,
    );
    await repository.claimDue(at(1), 10, 'replica-a', LEASE_MS);
    expect(await repository.confirmLease('b', DOMAIN, 'replica-a', at(60))).toBe(true);
    expect(await repository.confirmLease('b', DOMAIN, 'replica-b', at(60))).toBe(false);
    expect(await repository.claimDue(at(40), 10, 'replica-b', LEASE_MS)).toEqual([]);
    expect(await repository.claimDue(at(61), 10, 'replica-b', LEASE_MS)).toHaveLength(1);
    expect(await repository.confirmLease('b', DOMAIN, 'replica-a', at(90))).toBe(false);
  });
});
