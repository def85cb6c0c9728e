// A zone's owner chooses its TXT values and TTLs; a bind refused with dns-not-ready must not quote them
// without bound, nor take a Retry-After of a week from them (issue 19, F15).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
const key = testKey('k', { buckets: ['examplebucket'] });

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ keys: [key] });
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

describe('dns-not-ready against a hostile zone', () => {
  it('quotes a few clipped TXT values and caps Retry-After at an hour', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      headers: stack.admin.headers,
      payload: { domain: DOMAIN },
    });
    expect(created.statusCode).toBe(201);
    // About 36 KB of junk under a week-long TTL.
    const values = Array.from({ length: 150 }, (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(237)}`);
    await stack.emulator.setDnsRecord(`_dnsauth.${DOMAIN}`, { type: 'TXT', values, ttl: 604_800 });

    const res = await stack.app.inject({
      method: 'PUT',
      url: `/buckets/examplebucket/cnames/${DOMAIN}`,
      headers: stack.admin.headers,
    });
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.code).toBe('dns-not-ready');
    expect(res.headers['retry-after']).toBe('3600');
    expect(body.retryAfterSeconds).toBe(3_600);
    expect(body.preflight.retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(body.detail).toContain('and 147 more');
    expect(body.detail.length).toBeLessThan(1_000);
    expect(res.body.length).toBeLessThan(12_000);
  });
});
