// Hostile query strings on every route (the listing reads them; the others must ignore or refuse them):
// wrong enums, dates, limits, forged or mangled cursors, repeated and unknown parameters. Never a 5xx,
// always a documented problem, never a change in OSS.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileHeaderText, jsonValue } from './helpers/arbitraries.ts';
import { expectWellFormed, type HostileApp, mutatingCalls, startHostileApp } from './helpers/hostile-app.ts';
import { ROUTES, type RouteCase, requestFor } from './helpers/requests.ts';

let h: HostileApp;
beforeAll(async () => {
  h = await startHostileApp();
});
afterAll(() => h.close());

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const cursor = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.nat({ max: 5_000 }).map((n) => 'A'.repeat(n)),
  jsonValue.map(b64),
  fc
    .record({
      v: fc.constantFrom(1, 2, '1'),
      after: fc.oneof(fc.string(), jsonValue),
      f: fc.oneof(fc.string(), jsonValue),
    })
    .map(b64),
  fc.string().map((after) => b64({ v: 1, after, f: '["","",""]' })),
);

const param = fc.oneof(
  fc.tuple(
    fc.constant('status'),
    fc.oneof(fc.constantFrom('Enabled', 'Disabled', 'enabled', ''), fc.string()),
  ),
  fc.tuple(fc.constant('certificate'), fc.oneof(fc.constantFrom('none', 'any', 'NONE'), fc.string())),
  fc.tuple(
    fc.constant('expiresBefore'),
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom(
        '2027-02-30',
        '2027-13-01',
        '0000-00-00',
        '9999-12-31T23:59:60Z',
        '2027-01-01T00:00:00+25:00',
        'yesterday',
      ),
      fc.string(),
    ),
  ),
  fc.tuple(
    fc.constant('limit'),
    fc.oneof(
      fc.integer().map(String),
      fc.constantFrom('1e3', '0x10', '-0', 'NaN', 'Infinity', '1.5', ' 5', '99999999999999999999'),
      fc.string(),
    ),
  ),
  fc.tuple(fc.constant('cursor'), cursor),
  fc.tuple(
    fc.constantFrom('__proto__', 'constructor', 'limit[]', 'status[0]', 'dryRun', 'unknown'),
    fc.string(),
  ),
  fc.tuple(
    fc.string({ minLength: 1, maxLength: 20 }),
    hostileHeaderText.map((v) => v.slice(0, 300)),
  ),
);

const query = fc
  .array(param, { minLength: 1, maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const label = (row: RouteCase) =>
  `${row.method} ${row.route} ${JSON.stringify(row.request('b', 'd').body ?? '')}`;

describe.each(ROUTES.map((row) => [label(row), row] as const))('%s', (_name, row) => {
  const isList = row.method === 'GET' && row.route === '/buckets/:bucket/cnames';

  it('any query string: well-formed answer, nothing changed in OSS unless the route changes things', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (qs) => {
        await h.reset();
        const base = requestFor(row, {}, { authorization: `Bearer ${h.key.key}` });
        const res = await h.app.inject({ ...base, url: `${base.url}?${qs}` });
        expectWellFormed(res);
        if (row.method === 'GET') expect(mutatingCalls(h.oss.calls)).toEqual([]);
        if (isList && res.statusCode >= 400)
          expect(['invalid-request', 'invalid-cursor']).toContain(res.json().code);
      }),
      { numRuns: isList ? 400 : 40 },
    );
  });
});
