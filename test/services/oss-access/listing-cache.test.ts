// The recent-listing cache on its own: expiry by age, and a read in flight across a write is neither
// joined afterwards nor kept, so the write shows on the next read.
import { describe, expect, it } from 'vitest';
import type { CnameInfo } from '../../../src/oss/index.ts';
import { ListingCache } from '../../../src/services/oss-access/listing-cache.ts';

const info = (domain: string) => ({ domain }) as CnameInfo;

function deferred() {
  let resolve!: (cnames: CnameInfo[]) => void;
  const promise = new Promise<CnameInfo[]>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('ListingCache', () => {
  it('reuses an answer younger than maxAgeMs, with its age, and asks again after', async () => {
    let now = 1_000;
    const cache = new ListingCache({ maxAgeMs: 2_000, now: () => now });
    let calls = 0;
    const fetch = async () => [info(`v${++calls}`)];
    await cache.read('b', 'cn-hangzhou', fetch);
    now += 1_500;
    expect(await cache.read('b', 'cn-hangzhou', fetch)).toEqual({ cnames: [info('v1')], ageMs: 1_500 });
    // Another region for the bucket (deleted and re-created) is another answer.
    expect((await cache.read('b', 'cn-beijing', fetch)).cnames).toEqual([info('v2')]);
    now += 2_000;
    expect(await cache.read('b', 'cn-beijing', fetch)).toEqual({ cnames: [info('v3')], ageMs: 0 });
  });

  it('neither joins nor keeps a read that was in flight when a write began', async () => {
    const cache = new ListingCache({ maxAgeMs: 60_000 });
    const before = deferred();
    const first = cache.read('b', 'r', () => before.promise);
    cache.forget('b');
    const after = cache.read('b', 'r', async () => [info('after')]);
    before.resolve([info('before')]);
    expect((await first).cnames).toEqual([info('before')]);
    expect((await after).cnames).toEqual([info('after')]);
    expect((await cache.read('b', 'r', async () => [info('third')])).cnames).toEqual([info('after')]);
  });

  it('shares nothing and keeps nothing at maxAgeMs 0', async () => {
    const cache = new ListingCache({ maxAgeMs: 0 });
    let calls = 0;
    const fetch = async () => [info(`v${++calls}`)];
    await Promise.all([cache.read('b', 'r', fetch), cache.read('b', 'r', fetch)]);
    await cache.read('b', 'r', fetch);
    expect(calls).toBe(3);
  });
});
