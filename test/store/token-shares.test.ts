// Issue 19, F7: one key's share of a bucket's live ownership tokens, counted in the durable state, so a
// restart or another replica sees the same count and concurrent claims never overshoot it.
import { expect, it } from 'vitest';
import { type Store, TokenShares } from '../../src/store/index.ts';
import { describeEachEngine } from './helpers/engines.ts';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const ref = (domain: string, keyId = 'key-a', bucket = 'shared') => ({ bucket, domain, keyId });

async function claimAll(shares: TokenShares, domains: string[], limit: number, now = NOW) {
  const results = [];
  for (const domain of domains) results.push(await shares.claim(ref(domain), limit, now, now + 72 * HOUR));
  return results.map((r) => r.ok);
}

describeEachEngine('token shares', (engine) => {
  it('refuses the claim past the limit, naming the oldest expiry; other keys and buckets are apart', async () => {
    const shares = new TokenShares(await engine.freshStore());
    expect(await claimAll(shares, ['a.example.com', 'b.example.com', 'c.example.com'], 2)).toEqual([
      true,
      true,
      false,
    ]);
    expect(await shares.claim(ref('c.example.com'), 2, NOW + 1, NOW + HOUR)).toEqual({
      ok: false,
      held: 2,
      oldestExpiresAt: NOW + 72 * HOUR,
    });
    // Asking again for a domain the key already counts is not a new token.
    expect((await shares.claim(ref('a.example.com'), 2, NOW, NOW + 72 * HOUR)).ok).toBe(true);
    expect((await shares.claim(ref('c.example.com', 'key-b'), 2, NOW, NOW + HOUR)).ok).toBe(true);
    expect((await shares.claim({ ...ref('c.example.com'), bucket: 'other' }, 2, NOW, NOW + HOUR)).ok).toBe(
      true,
    );
    expect((await shares.peek(ref('d.example.com'), 2, NOW)).ok).toBe(false);
  });

  it('stops counting tokens that expired or whose domains were released', async () => {
    const shares = new TokenShares(await engine.freshStore());
    await claimAll(shares, ['a.example.com', 'b.example.com'], 2);
    await shares.settle(ref('a.example.com'), NOW + HOUR);
    expect((await shares.peek(ref('c.example.com'), 2, NOW + HOUR - 1)).ok).toBe(false);
    expect((await shares.peek(ref('c.example.com'), 2, NOW + HOUR)).ok).toBe(true);
    expect(await shares.release('shared', ['b.example.com', 'unknown.example.com'])).toBe(1);
    expect(await claimAll(shares, ['c.example.com', 'd.example.com'], 2, NOW + HOUR)).toEqual([true, true]);
    expect(await shares.prune(NOW + 73 * HOUR)).toBe(2);
  });

  it('keeps the count across a restart and shows it to another replica', async () => {
    const settings = await engine.freshSettings();
    const first = await engine.open(settings);
    await claimAll(new TokenShares(first), ['a.example.com', 'b.example.com'], 2);
    let second: Store;
    if (engine.kind === 'sqlite') {
      await first.close(); // one process per DATA_DIR: this is the restart
      second = await engine.open(settings);
    } else {
      second = await engine.open(settings);
    }
    expect((await new TokenShares(second).peek(ref('c.example.com'), 2, NOW)).ok).toBe(false);
  });

  it('never lets concurrent claims past the limit', async () => {
    const settings = await engine.freshSettings();
    const stores = [await engine.open(settings)];
    // PostgreSQL: two replicas' pools race on one database; SQLite: one process, one store.
    if (engine.kind === 'postgres') stores.push(await engine.open(settings));
    const claims = Array.from({ length: 12 }, (_, i) => {
      const shares = new TokenShares(stores[i % stores.length] as Store);
      return shares.claim(ref(`d${i}.example.com`), 3, NOW, NOW + HOUR);
    });
    const granted = (await Promise.all(claims)).filter((claim) => claim.ok);
    expect(granted).toHaveLength(3);
  });
});
