import { describe, expect, it } from 'vitest';
import { claim, release } from '../../src/domains/index.ts';
import { freshRow, T0 } from './rows.ts';

const at = (ms: number) => new Date(T0.getTime() + ms);

describe('lease', () => {
  it('one replica holds a row until its lease expires; then another may take it', () => {
    const mine = claim(freshRow(), 'replica-a', T0, 1_000);
    expect(mine).toMatchObject({ leaseOwner: 'replica-a', leaseExpiresAt: at(1_000) });
    if (mine === undefined) throw new Error('claim failed');
    expect(claim(mine, 'replica-b', at(999), 1_000)).toBeUndefined();
    expect(claim(mine, 'replica-a', at(999), 1_000)?.leaseExpiresAt).toEqual(at(1_999));
    expect(claim(mine, 'replica-b', at(1_000), 1_000)?.leaseOwner).toBe('replica-b');
    expect(release(mine)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
  });
});
