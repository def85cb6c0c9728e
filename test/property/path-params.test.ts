// Hostile bucket and domain values on every route, in the path (encoded or raw, traversal included) and in
// bodies: never a 5xx, always a documented problem, and OSS sees only valid names — nothing at all when
// the name can never be valid.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyDomain, invalidBucket, invalidDomain } from './helpers/arbitraries.ts';
import {
  expectSaneOssCalls,
  expectWellFormed,
  type HostileApp,
  mutatingCalls,
  startHostileApp,
} from './helpers/hostile-app.ts';
import { domainSlot, ROUTES, requestFor } from './helpers/requests.ts';

let h: HostileApp;
beforeAll(async () => {
  h = await startHostileApp();
});
afterAll(() => h.close());

const auth = () => ({ authorization: `Bearer ${h.key.key}` });
const label = (row: (typeof ROUTES)[number]) =>
  `${row.method} ${row.route} ${JSON.stringify(row.request('b', 'd').body ?? '')}`;

describe.each(ROUTES.map((row) => [label(row), row] as const))('%s', (_name, row) => {
  const slot = domainSlot(row);

  it('an impossible bucket is refused before OSS', async () => {
    await fc.assert(
      fc.asyncProperty(invalidBucket, async (bucket) => {
        await h.reset();
        const res = await h.app.inject(requestFor(row, { bucket }, auth()));
        expectWellFormed(res);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(h.oss.calls).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(slot !== 'none')('an impossible domain is refused before OSS', async () => {
    await fc.assert(
      fc.asyncProperty(invalidDomain, async (domain) => {
        await h.reset();
        const res = await h.app.inject(requestFor(row, { domain }, auth()));
        expectWellFormed(res);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(h.oss.calls).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it.runIf(slot === 'path')('raw traversal in the path never reaches another route or OSS', async () => {
    const traversal = fc.constantFrom(
      '..%2F..%2Fcname-tokens',
      '..%2f',
      '%2e%2e%2F%2e%2e',
      '%252e%252e%252f',
      'a.example.com%2F..%2F..',
      'a.example.com%00.evil.com',
      '%00',
      '..%5C..%5C',
      'www.example.com%2Fcertificate',
      '.%2e/%2e./',
      '%c0%ae%c0%ae%2f',
    );
    await fc.assert(
      fc.asyncProperty(traversal, async (domain) => {
        await h.reset();
        const res = await h.app.inject(requestFor(row, { domain, raw: true }, auth()));
        expectWellFormed(res);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(mutatingCalls(h.oss.calls)).toEqual([]);
        expectSaneOssCalls(h.oss.calls);
      }),
      { numRuns: 30 },
    );
  });

  it.runIf(slot !== 'none')('any domain: only valid, normalised names ever reach OSS', async () => {
    await fc.assert(
      fc.asyncProperty(anyDomain, async (domain) => {
        await h.reset();
        const res = await h.app.inject(requestFor(row, { domain }, auth()));
        expectWellFormed(res);
        expectSaneOssCalls(h.oss.calls);
      }),
      { numRuns: 150 },
    );
  });
});

describe('path segments at the limits', () => {
  // Spread over every length up to the 253 allowed: a run of letters cut into labels of up to 60.
  const longDomain = fc
    .tuple(fc.integer({ min: 1, max: 245 }), fc.constantFrom(...'abcxyz0189'))
    .map(([length, c]) => `${(c.repeat(length).match(/.{1,60}/g) ?? []).join('.')}.com`)
    .filter((d) => d.length <= 253);

  it('any valid domain up to 253 characters is routed, in ASCII or percent-encoded Unicode (never 414)', async () => {
    await fc.assert(
      fc.asyncProperty(longDomain, fc.boolean(), async (domain, unicode) => {
        const name = unicode ? `bücher${domain.slice(6)}` : domain;
        const res = await h.app.inject({
          url: `/buckets/web-site/cnames/${encodeURIComponent(name)}`,
          headers: auth(),
        });
        expectWellFormed(res);
        expect([200, 400, 404]).toContain(res.statusCode);
      }),
      { numRuns: 100 },
    );
  });

  it('a segment longer than any name, or broken percent-encoding, is a problem with our request id', async () => {
    for (const [url, status, code] of [
      [`/buckets/web-site/cnames/${'a'.repeat(3_000)}`, 414, 'uri-too-long'],
      ['/buckets/web-site/cnames/%c0%ae%c0%ae%2f', 400, 'invalid-request'],
      ['/buckets/web-site/cnames/%E0%A4%A', 400, 'invalid-request'],
    ] as const) {
      const res = await h.app.inject({ url, headers: { ...auth(), 'x-request-id': 'trace-edge-1' } });
      expectWellFormed(res);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.headers['x-request-id']).toBe('trace-edge-1');
    }
  });
});
