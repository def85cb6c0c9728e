// GET /buckets/:bucket/cnames: paging, filters and per-key visibility against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const narrow = testKey('narrow', { domains: ['*.shop.example.com'], actions: ['cname:read'] });
const otherBuckets = testKey('other-buckets', { buckets: ['web-*'] });
let stack: Stack;

const DOMAINS = [
  'e.shop.example.com',
  'a.example.com',
  'd.shop.example.com',
  'c.example.com',
  'b.example.com',
];

beforeAll(async () => {
  stack = await startStack({ keys: [narrow, otherBuckets] });
  for (const domain of DOMAINS) {
    await stack.verify(domain);
    const certificate = domain.startsWith('c.') ? { certId: '1001-cn-hangzhou' } : undefined;
    const cert2 = domain.startsWith('d.') ? { certId: '1002-cn-hangzhou' } : undefined;
    const res = await stack.app.inject({
      method: 'PUT',
      url: `/buckets/examplebucket/cnames/${domain}`,
      headers: stack.admin.headers,
      payload: { certificate: certificate ?? cert2 },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => stack.close());

const list = (query = '', headers = stack.admin.headers) =>
  stack.app.inject({ method: 'GET', url: `/buckets/examplebucket/cnames${query}`, headers });
const domainsOf = (body: { items: { domain: string }[] }) => body.items.map((b) => b.domain);

describe('GET /buckets/:bucket/cnames', () => {
  it('lists every binding ordered by domain', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ bucket: 'examplebucket', nextCursor: null });
    expect(domainsOf(res.json())).toEqual([...DOMAINS].sort());
  });

  it('pages with limit and cursor until nextCursor is null', async () => {
    const seen: string[] = [];
    let query = '?limit=2';
    for (let page = 0; page < 5; page++) {
      const body = (await list(query)).json();
      seen.push(...domainsOf(body));
      if (body.nextCursor === null) break;
      query = `?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual([...DOMAINS].sort());
  });

  it('filters by certificate presence and expiry', async () => {
    expect(domainsOf((await list('?certificate=any')).json())).toEqual([
      'c.example.com',
      'd.shop.example.com',
    ]);
    expect(domainsOf((await list('?certificate=none')).json())).toEqual([
      'a.example.com',
      'b.example.com',
      'e.shop.example.com',
    ]);
    expect(domainsOf((await list('?expiresBefore=2027-06-01')).json())).toEqual(['c.example.com']);
    expect(domainsOf((await list('?status=Enabled&limit=1')).json())).toEqual(['a.example.com']);
    expect(domainsOf((await list('?status=Disabled')).json())).toEqual([]);
  });

  it('shows each binding with its certificate facts', async () => {
    const body = (await list('?certificate=any&limit=1')).json();
    expect(body.items[0]).toMatchObject({
      domain: 'c.example.com',
      status: 'Enabled',
      etag: '"1001-cn-hangzhou"',
      certificate: {
        certId: '1001-cn-hangzhou',
        fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:01',
        validFrom: '2026-01-01T00:00:00.000Z',
        validUntil: '2027-01-01T00:00:00.000Z',
      },
    });
  });

  it('shows only the domains the key may see', async () => {
    expect(domainsOf((await list('', narrow.headers)).json())).toEqual([
      'd.shop.example.com',
      'e.shop.example.com',
    ]);
  });

  it('refuses keys without the bucket, bad limits and foreign cursors', async () => {
    expect((await list('', otherBuckets.headers)).json()).toMatchObject({
      status: 403,
      code: 'bucket-out-of-scope',
    });
    const tooMany = (await list('?limit=101')).json();
    expect(tooMany).toMatchObject({
      status: 400,
      code: 'invalid-request',
      issues: [{ in: 'querystring', path: 'limit' }],
    });
    expect((await list('?certificate=some')).json()).toMatchObject({ status: 400, code: 'invalid-request' });
    const first = (await list('?limit=1')).json();
    const mixed = await list(`?limit=1&certificate=any&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(mixed.json()).toMatchObject({ status: 400, code: 'invalid-cursor' });
  });

  it('lists an empty bucket as an empty page', async () => {
    const res = await stack.app.inject({
      method: 'GET',
      url: '/buckets/siblingbucket/cnames',
      headers: stack.admin.headers,
    });
    expect(res.json()).toEqual({ bucket: 'siblingbucket', items: [], nextCursor: null });
  });
});
