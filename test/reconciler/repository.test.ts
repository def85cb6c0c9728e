// The managed-domain rows on both engines: insert once, conditional saves with their events, pages, and
// the claim: a due row goes to one owner until its lease passes.
import { expect, it } from 'vitest';
import { createdEvents, newDomainRow, transition } from '../../src/domains/index.ts';
import { eventsOfDomain } from '../../src/events/index.ts';
import { DomainRepository } from '../../src/reconciler/repository.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

const T0 = new Date('2026-12-01T00:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function fresh(domain: string, now = T0) {
  return newDomainRow({ bucket: 'examplebucket', domain, certificateMode: 'none' }, now);
}

describeEachEngine('domain repository', (engine) => {
  it('inserts once with domain.created, and reads the row back whole', async () => {
    const store = await engine.freshStore();
    const repo = new DomainRepository(store);
    const row = { ...fresh('a.example.com'), token: { value: 'tok', expiresAt: at(3600) } };
    expect(await repo.insert(row, createdEvents(row, T0), T0)).toEqual(row);
    expect(await repo.insert(row, createdEvents(row, T0), T0)).toBeUndefined();
    expect(await repo.get('examplebucket', 'a.example.com')).toEqual(row);
    const events = await eventsOfDomain(store, 'examplebucket', 'a.example.com', 10);
    expect(events.map((e) => e.type)).toEqual(['domain.created']);
  });

  it('saves only at the version read, with the events in the same write', async () => {
    const store = await engine.freshStore();
    const repo = new DomainRepository(store);
    const row = fresh('b.example.com');
    await repo.insert(row, [], T0);
    const deleting = transition(row, { kind: 'delete' }, at(1));
    expect(await repo.save(deleting.row, deleting.events, row.version, at(1))).toBe(true);
    // A second writer that read the same version loses, and its events are not written.
    const stale = transition(row, { kind: 'check' }, at(2));
    const lost = { ...stale.row, version: row.version + 1 };
    expect(
      await repo.save(lost, [{ ...deleting.events[0], type: 'domain.drifted' } as never], row.version, at(2)),
    ).toBe(false);
    expect((await repo.get('examplebucket', 'b.example.com'))?.status).toBe('deleting');
    const gone = transition(deleting.row, { kind: 'unbound' }, at(3));
    expect(await repo.remove(gone.row, gone.events, deleting.row.version)).toBe(true);
    expect(await repo.get('examplebucket', 'b.example.com')).toBeUndefined();
    const events = await eventsOfDomain(store, 'examplebucket', 'b.example.com', 10);
    expect(events.map((e) => e.type)).toEqual(['domain.deleted']);
  });

  it('claims a due row for one owner until its lease passes', async () => {
    const store = await engine.freshStore();
    const repo = new DomainRepository(store);
    await repo.insert(fresh('c.example.com'), [], T0);
    await repo.insert({ ...fresh('later.example.com'), nextCheckAt: at(600) }, [], T0);
    const [mine, ...rest] = await repo.claimDue(at(1), 10, 'replica-a', 30_000);
    expect(rest).toEqual([]);
    if (mine === undefined) throw new Error('nothing claimed');
    expect(mine).toMatchObject({ domain: 'c.example.com', leaseOwner: 'replica-a' });
    expect(await repo.claimDue(at(2), 10, 'replica-b', 30_000)).toEqual([]);
    // The lease passed (replica-a died): replica-b takes it, and replica-a can no longer write.
    const [taken] = await repo.claimDue(at(40), 10, 'replica-b', 30_000);
    expect(taken?.leaseOwner).toBe('replica-b');
    const checked = { ...mine, attempts: 1, version: mine.version + 1 };
    expect(await repo.save(checked, [], mine.version, at(41), { releaseOwner: 'replica-a' })).toBe(false);
    expect(await repo.save(checked, [], mine.version, at(41), { releaseOwner: 'replica-b' })).toBe(true);
    expect((await repo.get('examplebucket', 'c.example.com'))?.leaseOwner).toBeNull();
  });

  it('keeps the claims of a live owner by renewing them', async () => {
    const store = await engine.freshStore();
    const repo = new DomainRepository(store);
    await repo.insert(fresh('slow.example.com'), [], T0);
    await repo.claimDue(at(1), 10, 'replica-a', 30_000);
    expect(await repo.renewLeases('replica-a', at(60))).toBe(1);
    expect(await repo.claimDue(at(40), 10, 'replica-b', 30_000)).toEqual([]);
    expect(await repo.claimDue(at(61), 10, 'replica-b', 30_000)).toHaveLength(1);
  });

  it('claims each due row once among parallel claimers', async () => {
    const settings = await engine.freshSettings();
    const a = await engine.open(settings);
    const repo = new DomainRepository(a);
    for (let i = 0; i < 20; i++) await repo.insert(fresh(`d${i}.example.com`), [], T0);
    const others =
      engine.kind === 'postgres' ? [await engine.open(settings), await engine.open(settings)] : [a, a];
    const claims = await Promise.all(
      [a, ...others].map((s, i) => new DomainRepository(s).claimDue(at(1), 8, `r${i}`, 30_000)),
    );
    const domains = claims.flat().map((r) => r.domain);
    expect(new Set(domains).size).toBe(domains.length);
    expect(domains).toHaveLength(20);
  });

  it('lists by domain with status and ready filters, page by page', async () => {
    const store = await engine.freshStore();
    const repo = new DomainRepository(store);
    for (const d of ['x.example.com', 'a.example.com', 'm.example.com']) await repo.insert(fresh(d), [], T0);
    const first = await repo.list('examplebucket', { limit: 2 });
    expect(first.rows.map((r) => r.domain)).toEqual(['a.example.com', 'm.example.com']);
    expect(first.more).toBe(true);
    const second = await repo.list('examplebucket', { limit: 2, after: 'm.example.com' });
    expect([second.rows.map((r) => r.domain), second.more]).toEqual([['x.example.com'], false]);
    expect((await repo.list('examplebucket', { limit: 5, status: 'bound' })).rows).toEqual([]);
    expect((await repo.list('examplebucket', { limit: 5, ready: false })).rows).toHaveLength(3);
  });
});
