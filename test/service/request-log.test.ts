// One JSON line per request with the fields operators rely on, the request id echoed on every response,
// and the OSS calls made for a request on its line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('reader', { buckets: ['web-*'], domains: ['*.example.com'] });
let t: TestApp;

beforeAll(async () => {
  // Reads must reach the fake OSS each time: one test makes ListCname throw.
  t = await startApp({ keys: [key], env: { CNAME_CACHE_MS: '0' } });
  await t.oss.putCname({ bucket: 'web-site', domain: 'www.example.com' });
});
afterAll(() => t.app.close());

function linesFor(requestId: string) {
  return t.logs.forRequest(requestId);
}

describe('request log', () => {
  it('writes exactly one line for a successful API request, with the OSS calls made for it', async () => {
    const res = await t.app.inject({
      url: '/buckets/web-site/cnames?limit=10',
      headers: { 'x-api-key': key.key, 'x-request-id': 'trace-0001', 'user-agent': 'test-agent' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-0001');
    const lines = linesFor('trace-0001');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      service: 'oss-cname-service',
      requestId: 'trace-0001',
      method: 'GET',
      route: '/buckets/:bucket/cnames',
      path: '/buckets/web-site/cnames',
      status: 200,
      keyId: 'reader',
      ip: '127.0.0.1',
      userAgent: 'test-agent',
    });
    expect(typeof lines[0]?.durationMs).toBe('number');
    const oss = lines[0]?.oss as Array<Record<string, unknown>>;
    expect(oss.map((c) => c.operation)).toContain('ListCname');
    for (const call of oss) expect(call.requestId).toMatch(/^FAKE\d{20}$/);
  });

  it('puts the problem code and the OSS error code on the line of a failed request', async () => {
    const res = await t.app.inject({ url: '/buckets/web-gone/cnames', headers: { 'x-api-key': key.key } });
    expect(res.statusCode).toBe(404);
    const id = String(res.headers['x-request-id']);
    const lines = linesFor(id);
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).toMatchObject({ status: 404, keyId: 'reader', code: res.json().code });
    expect(line?.oss).toEqual([
      expect.objectContaining({ operation: 'GetBucketLocation', code: 'NoSuchBucket' }),
    ]);
  });

  it('logs refused requests once, without a key id', async () => {
    const res = await t.app.inject({
      url: '/buckets/web-site/cnames',
      headers: { 'x-request-id': 'trace-0002' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-request-id']).toBe('trace-0002');
    const completed = linesFor('trace-0002');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ status: 401, code: 'missing-api-key' });
    expect(completed[0]).not.toHaveProperty('keyId');
  });

  it('names unmatched routes "unmatched" so paths never become metric labels', async () => {
    const res = await t.app.inject({ url: '/no/such/path', headers: { 'x-request-id': 'trace-0003' } });
    expect(res.statusCode).toBe(404);
    expect(linesFor('trace-0003')).toEqual([expect.objectContaining({ route: 'unmatched', status: 404 })]);
  });

  it.each([
    ['a value with spaces', 'two words'],
    ['an over-long value', 'x'.repeat(200)],
    ['a value with a newline', 'a\u2028b'],
  ])('replaces %s with a generated id', async (_what, value) => {
    const res = await t.app.inject({ url: '/livez', headers: { 'x-request-id': value } });
    const id = String(res.headers['x-request-id']);
    expect(id).not.toBe(value);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesFor(id)).toHaveLength(1);
  });

  it('writes one error line with the stack for a 5xx', async () => {
    const original = t.oss.listCname;
    t.oss.listCname = async () => {
      throw new TypeError('bug in a dependency');
    };
    const res = await t.app.inject({ url: '/buckets/web-site/cnames', headers: { 'x-api-key': key.key } });
    t.oss.listCname = original;
    expect(res.statusCode).toBe(500);
    const lines = linesFor(String(res.headers['x-request-id']));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'request failed',
      status: 500,
      code: 'internal-error',
      err: { type: 'TypeError', message: 'bug in a dependency', stack: expect.stringContaining('TypeError') },
    });
  });

  it('generates an id when none is sent and echoes it on problem responses too', async () => {
    const res = await t.app.inject({ url: '/buckets/web-site/cnames' });
    expect(res.headers['x-request-id']).toBe(res.json().requestId);
  });
});
