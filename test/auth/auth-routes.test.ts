// The auth rules on every API route: 401 without or with a bad key, a distinct 403 code for each scope
// the request falls outside, and success inside the scope. Rows live in helpers/route-table.ts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from '../../src/auth/types.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { type TestKey, testKey } from '../helpers/keys.ts';
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

const full = testKey('full', { ...SCOPE });
const withoutAction = new Map<Action, TestKey>(
  ACTIONS.map((a) => [
    a,
    testKey(`no-${a.replace(':', '-')}`, { ...SCOPE, actions: ACTIONS.filter((x) => x !== a) }),
  ]),
);

let t: TestApp;
const registered: Array<{ method: string; url: string }> = [];

beforeAll(async () => {
  t = await startApp({
    keys: [full, ...withoutAction.values()],
    // Many unauthenticated requests come from one address here; rate limits have their own test.
    env: { RATE_LIMIT_ANONYMOUS_MAX: '100000', RATE_LIMIT_MAX: '100000' },
    beforeReady: (app: FastifyInstance) => {
      app.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) registered.push({ method, url: route.url });
      });
    },
  });
});
afterAll(() => t.app.close());

beforeEach(() => {
  // Every row starts from the same state: the domain bound and a token issued.
  t.oss.bindings.clear();
  t.oss.tokens.clear();
  t.oss.tokens.set(`${BUCKET}/${DOMAIN}`, 'a'.repeat(32));
  void t.oss.putCname({ bucket: BUCKET, domain: DOMAIN });
});

function send(row: RouteCase, headers: Record<string, string>, bucket = BUCKET, domain = DOMAIN) {
  const { url, body } = row.request(bucket, domain);
  return t.app.inject({
    method: row.method,
    url,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

const label = (row: RouteCase) =>
  `${row.method} ${row.route}${row.actions.length > 1 ? ` (${row.actions.join(' + ')})` : ''}`;

describe.each(ROUTES.map((row) => [label(row), row] as const))('%s', (_name, row) => {
  it('answers 401 missing-api-key without a key', async () => {
    const res = await send(row, {});
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('missing-api-key');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
  });

  it('answers 401 invalid-api-key with an unknown key, in either header', async () => {
    const bearer = await send(row, { authorization: `Bearer ${testKey('stranger').key}` });
    const header = await send(row, { 'x-api-key': 'ocsk_not-a-real-key' });
    for (const res of [bearer, header]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid-api-key');
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
  });

  it.each(row.actions)('answers 403 action-not-allowed for a key without %s', async (action) => {
    const key = withoutAction.get(action);
    const res = await send(row, { authorization: `Bearer ${key?.key}` });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'action-not-allowed', action });
  });

  it('answers 403 bucket-out-of-scope for a bucket outside the key', async () => {
    const res = await send(row, { 'x-api-key': full.key }, 'other-bucket');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'bucket-out-of-scope', bucket: 'other-bucket' });
  });

  it.runIf(row.domainScoped)(
    'answers 403 domain-out-of-scope outside the domain scope and on the apex',
    async () => {
      for (const domain of ['www.example.org', 'example.com', 'WWW.EXAMPLE.NET.']) {
        const res = await send(row, { 'x-api-key': full.key }, BUCKET, domain);
        expect(res.statusCode, domain).toBe(403);
        expect(res.json().code, domain).toBe('domain-out-of-scope');
      }
    },
  );

  it('serves a key inside every scope', async () => {
    const res = await send(row, { authorization: `Bearer ${full.key}` });
    expect(row.okStatuses, res.body).toContain(res.statusCode);
  });
});

describe('the route table', () => {
  it('covers every API route the app registers', () => {
    const isPublic = (url: string) =>
      PUBLIC_ROUTES.includes(url) || PUBLIC_PREFIXES.some((p) => url.startsWith(p));
    const api = registered
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !isPublic(r.url))
      .map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.route}`), ...UNSCOPED_ROUTES]);
    expect(api.filter((r) => !covered.has(r))).toEqual([]);
    expect(api.length).toBeGreaterThan(0);
  });
});

describe('public endpoints', () => {
  it.each(PUBLIC_ROUTES)('%s answers without a key', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
  });

  it('/docs answers without a key', async () => {
    const res = await t.app.inject({ url: '/docs' });
    expect(res.statusCode).toBeLessThan(400);
  });
});

describe('listing', () => {
  it('leaves out domains outside the key scope instead of refusing', async () => {
    for (const domain of ['a.example.com', 'b.example.org']) await t.oss.putCname({ bucket: BUCKET, domain });
    const res = await t.app.inject({ url: `/buckets/${BUCKET}/cnames`, headers: { 'x-api-key': full.key } });
    expect(res.statusCode).toBe(200);
    const domains = (res.json().items as Array<{ domain: string }>).map((i) => i.domain);
    expect(domains).toContain('a.example.com');
    expect(domains).not.toContain('b.example.org');
  });
});

describe('presenting the key', () => {
  const row = ROUTES.find((r) => r.method === 'GET' && r.route === '/buckets/:bucket/cnames') as RouteCase;

  it('refuses two different keys in the two headers', async () => {
    const other = withoutAction.get('cert:write')?.key ?? '';
    const res = await send(row, { authorization: `Bearer ${full.key}`, 'x-api-key': other });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid-api-key');
  });

  it('accepts the same key in both headers and a lower-case bearer scheme', async () => {
    const res = await send(row, { authorization: `bearer ${full.key}`, 'x-api-key': full.key });
    expect(res.statusCode).toBe(200);
  });

  it('refuses another Authorization scheme', async () => {
    const res = await send(row, {
      authorization: `Basic ${Buffer.from(`u:${full.key}`).toString('base64')}`,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid-api-key');
  });

  it('refuses before reading the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/buckets/${BUCKET}/cname-tokens`,
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(res.statusCode).toBe(401);
  });
});
