// Per-key rate limits, and per-address limits before a key is accepted: 429 problem+json with Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

const limits = { RATE_LIMIT_MAX: '3', RATE_LIMIT_ANONYMOUS_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' };

describe('rate limits', () => {
  it('limits each key on its own and answers 429 as a problem with Retry-After', async () => {
    const [a, b] = [testKey('a'), testKey('b')];
    t = await startApp({ keys: [a, b], env: limits });
    const get = (key: string) =>
      t?.app.inject({ url: '/buckets/web-site/cnames', headers: { 'x-api-key': key } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(a.key))?.statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const limited = await get(a.key);
    expect(limited?.statusCode).toBe(429);
    expect(limited?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited?.json()).toMatchObject({ status: 429, code: 'rate-limited' });
    const retryAfter = Number(limited?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited?.json().retryAfterSeconds).toBe(retryAfter);

    expect((await get(b.key))?.statusCode).toBe(200);
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('api_rate_limited_total{kind="key"} 2');
  });

  it('limits unauthenticated requests per address, before answering 401', async () => {
    const a = testKey('a');
    t = await startApp({ keys: [a], env: limits });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await t.app.inject({ url: '/buckets/web-site/cnames', headers: { 'x-api-key': 'guess' } }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 429]);
    const other = await t.app.inject({ url: '/buckets/web-site/cnames', remoteAddress: '10.1.2.3' });
    expect(other.statusCode).toBe(401);
    // A valid key is counted against the key, not the address that already hit its limit.
    expect(
      (await t.app.inject({ url: '/buckets/web-site/cnames', headers: { 'x-api-key': a.key } })).statusCode,
    ).toBe(200);
  });

  it('leaves health, metrics and docs unlimited', async () => {
    t = await startApp({ env: limits });
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: '/livez' })).statusCode).toBe(200);
  });
});
