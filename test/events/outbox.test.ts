import { expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domains/index.ts';
import { appendEvents, eventsAfter, eventsOfDomain } from '../../src/events/index.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

function event(type: DomainEvent['type'], domain: string, at: number): DomainEvent {
  return {
    type,
    bucket: 'b1',
    domain,
    at: new Date(at),
    data: { domain, bucket: 'b1', status: 'bound' } as never,
  };
}

describeEachEngine('the domain event outbox', (engine) => {
  it('keeps events in order with stable ids, and none when their transaction rolls back', async () => {
    const store = await engine.freshStore();
    const ids = await store.transaction((tx) =>
      appendEvents(tx, [
        event('domain.created', 'a.example.com', 1),
        event('domain.bound', 'a.example.com', 2),
      ]),
    );
    await expect(
      store.transaction(async (tx) => {
        await appendEvents(tx, [event('domain.failed', 'b.example.com', 3)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const all = await eventsAfter(store, 0, 10);
    expect(all.map((e) => [e.id, e.type])).toEqual([
      [ids[0], 'domain.created'],
      [ids[1], 'domain.bound'],
    ]);
    expect(all[0]?.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(all[1]?.data).toEqual({ domain: 'a.example.com', bucket: 'b1', status: 'bound' });
    expect(all[1]?.occurredAt.getTime()).toBe(2);
    expect(await eventsAfter(store, all[0]?.seq ?? 0, 10)).toHaveLength(1);
    const history = await eventsOfDomain(store, 'b1', 'a.example.com', 10);
    expect(history.map((e) => e.type)).toEqual(['domain.bound', 'domain.created']);
  });
});
