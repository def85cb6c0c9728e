// Two replicas on one PostgreSQL database: one ACME account and one label secret between them, each
// issuing through Pebble.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { createPostgresDatabase } from '../store/helpers/engines.ts';
import { boundRow, type DriverFixture, delegate, startDriverFixture } from './driver-fixture.ts';

let fx: DriverFixture;
const stores: Store[] = [];
beforeAll(async () => {
  fx = await startDriverFixture();
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await fx?.close();
});

describe('replicas sharing one ACME account on PostgreSQL', () => {
  it('register one account, derive the same labels, and both issue', async () => {
    const databaseUrl = await createPostgresDatabase();
    const [a, b] = await Promise.all([openStore({ databaseUrl }), openStore({ databaseUrl })]);
    stores.push(a, b);
    const [one, two] = await Promise.all([fx.driver(a), fx.driver(b)]);
    expect(one.challengeRecord('x.example.com')).toEqual(two.challengeRecord('x.example.com'));

    await delegate(fx.emulator, one, 'r1.example.com');
    await delegate(fx.emulator, one, 'r2.example.com');
    const [seen1, seen2] = await Promise.all([
      one.advance(boundRow('r1.example.com'), 'issue', new Date()),
      two.advance(boundRow('r2.example.com'), 'issue', new Date()),
    ]);
    expect(seen1.at(-1)).toMatchObject({ kind: 'certificate', step: 'issued' });
    expect(seen2.at(-1)).toMatchObject({ kind: 'certificate', step: 'issued' });

    const accounts = await a.query<{ account_url: string | null }>('SELECT account_url FROM acme_accounts');
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.account_url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    // Each replica reads the other's certificate.
    expect(await two.material('photos', 'r1.example.com')).toBeDefined();
    expect(await one.material('photos', 'r2.example.com')).toBeDefined();
  });
});
