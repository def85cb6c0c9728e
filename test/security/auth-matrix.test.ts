// Every API route × every way a caller can lack authority, with the exact status and code, and OSS never
// called for a refused request. Rows come from test/service/helpers/route-table.ts, so a route added
// there is covered here too; the last test fails when the app registers a route the table lacks.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/auth/types.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { FakeOss } from '../helpers/fake-oss.ts';
import { type TestKey, testKey } from '../helpers/keys.ts';
import { FlakyOss } from '../resilience/helpers/flaky-oss.ts';
import {
  PUBLIC_PREFIXES,
  PUBLIC_ROUTES,
  ROUTES,
  type RouteCase,
  UNSCOPED_ROUTES,
} from '../service/helpers/route-table.ts';

const BUCKET = 'web-site';
const DOMAIN = 'www.example.com';
const SCOPE = { buckets: ['web-*'], domains: ['*.example.com'] };

const keys = {
  full: testKey('full', SCOPE),
  readOnly: testKey('read-only', { ...SCOPE, actions: ['cname:read'] }),
  noCertWrite: testKey('no-cert-write', { ...SCOPE, actions: ['cname:read', 'cname:write'] }),
  readOnlyElsewhere: testKey('read-only-elsewhere', {
    buckets: ['other-*'],
    domains: ['*.example.org'],
    actions: ['cname:read'],
  }),
};

type Outcome = { status: number; code: string; action?: Action } | 'served';

interface Caller {
  name: string;
  key: TestKey | 'none' | 'unknown';
  bucket: string;
  domain: string;
  expect(row: RouteCase): Outcome;
}

const missing = (row: RouteCase, held: Action[]) => row.actions.find((a) => !held.includes(a));
const refusedFor = (row: RouteCase, held: Action[]): Outcome => {
  const action = missing(row, held);
  return action === undefined ? 'served' : { status: 403, code: 'action-not-allowed', action };
};

const CALLERS: Caller[] = [
  {
    name: 'no key',
    key: 'none',
    bucket: BUCKET,
    domain: DOMAIN,
    expect: () => ({ status: 401, code: 'missing-api-key' }),
  },
  {
    name: 'an unknown key',
    key: 'unknown',
    bucket: BUCKET,
    domain: DOMAIN,
    expect: () => ({ status: 401, code: 'invalid-api-key' }),
  },
  {
    name: 'a bucket outside the key',
    key: keys.full,
    bucket: 'other-site',
    domain: DOMAIN,
    expect: () => ({ status: 403, code: 'bucket-out-of-scope' }),
  },
  {
    name: 'a domain outside the key',
    key: keys.full,
    bucket: BUCKET,
    domain: 'www.example.org',
    // Listings are not refused: they leave such domains out.
    expect: (row) => (row.domainScoped ? { status: 403, code: 'domain-out-of-scope' } : 'served'),
  },
  {
    name: 'the apex of a *. domain scope',
    key: keys.full,
    bucket: BUCKET,
    domain: 'example.com',
    expect: (row) => (row.domainScoped ? { status: 403, code: 'domain-out-of-scope' } : 'served'),
  },
  {
    name: 'a read-only key',
    key: keys.readOnly,
    bucket: BUCKET,
    domain: DOMAIN,
    expect: (row) => refusedFor(row, ['cname:read']),
  },
  {
    name: 'a key without cert:write',
    key: keys.noCertWrite,
    bucket: BUCKET,
    domain: DOMAIN,
    expect: (row) => refusedFor(row, ['cname:read', 'cname:write']),
  },
  {
    name: 'a read-only key outside every scope (the action is checked first)',
    key: keys.readOnlyElsewhere,
    bucket: BUCKET,
    domain: DOMAIN,
    expect: (row) => {
      const refused = refusedFor(row, ['cname:read']);
      return refused === 'served' ? { status: 403, code: 'bucket-out-of-scope' } : refused;
    },
  },
  {
    name: 'a key inside every scope',
    key: keys.full,
    bucket: BUCKET,
    domain: DOMAIN,
    expect: () => 'served',
  },
];

let t: TestApp;
let oss: FlakyOss;
const registered: string[] = [];

beforeAll(async () => {
  const fake = new FakeOss({ buckets: { 'web-site': 'cn-hangzhou' } });
  oss = new FlakyOss(fake);
  t = await startApp({
    keys: Object.values(keys),
    env: { RATE_LIMIT_ANONYMOUS_MAX: '100000', RATE_LIMIT_MAX: '100000' },
    oss: fake,
    wrap: () => oss,
    beforeReady: (app: FastifyInstance) => {
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
      });
    },
  });
});
afterAll(() => t.app.close());

beforeEach(async () => {
  // Every row starts from the domain bound and a token issued, so the in-scope caller is served.
  t.oss.bindings.clear();
  t.oss.tokens.clear();
  t.oss.tokens.set(`${BUCKET}/${DOMAIN}`, 'a'.repeat(32));
  await t.oss.putCname({ bucket: BUCKET, domain: DOMAIN });
  oss.calls.length = 0;
});

function send(row: RouteCase, caller: Caller) {
  const { url, body } = row.request(caller.bucket, caller.domain);
  const headers: Record<string, string> = {};
  if (caller.key === 'unknown') headers.authorization = `Bearer ${testKey('stranger').key}`;
  else if (caller.key !== 'none') headers.authorization = `Bearer ${caller.key.key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return t.app.inject({
    method: row.method,
    url,
    headers,
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

const label = (row: RouteCase) =>
  `${row.method} ${row.route}${row.actions.length > 1 ? ` (${row.actions.join(' + ')})` : ''}`;

describe.each(ROUTES.map((row) => [label(row), row] as const))('%s', (_name, row) => {
  it.each(CALLERS.map((c) => [c.name, c] as const))('%s', async (_caller, caller) => {
    const expected = caller.expect(row);
    const res = await send(row, caller);
    if (expected === 'served') {
      expect(row.okStatuses, res.body).toContain(res.statusCode);
      return;
    }
    expect(res.statusCode, res.body).toBe(expected.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe(expected.code);
    if (expected.action) expect(problem.action).toBe(expected.action);
    if (expected.status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    // Refused before OSS is asked anything.
    expect(oss.calls).toEqual([]);
  });
});

it('the route table covers every API route the app registers', () => {
  const isPublic = (url: string) =>
    PUBLIC_ROUTES.includes(url) || PUBLIC_PREFIXES.some((p) => url.startsWith(p));
  const api = registered.filter((r) => {
    const [method = '', url = ''] = r.split(' ');
    return method !== 'HEAD' && method !== 'OPTIONS' && !isPublic(url);
  });
  const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.route}`), ...UNSCOPED_ROUTES]);
  expect(api.length).toBeGreaterThan(0);
  expect(api.filter((r) => !covered.has(r))).toEqual([]);
});
