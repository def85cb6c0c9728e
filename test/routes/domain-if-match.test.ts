// If-Match on the managed-domain writes (POST …/check, DELETE), with the ETag GET answers: the current
// one goes through, a stale one answers 412 precondition-failed with `currentEtag`, and If-Match on a
// domain that is not managed fails too (RFC 9110: it matches no current representation).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('writer');
let t: TestApp;
const url = '/buckets/web-site/domains/www.example.com';

beforeAll(async () => {
  t = await startApp({ keys: [key], env: { LOG_LEVEL: 'silent', RECONCILE_POLL_MS: '50' } });
  // Bound already: attaching adopts it as bound, with nothing to wait for.
  await t.oss.putCname({ bucket: 'web-site', domain: 'www.example.com' });
});
afterAll(() => t.app.close());

const call = (method: 'GET' | 'POST' | 'DELETE', path: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: path, headers: { ...key.headers, ...headers } });

it('takes the current ETag, refuses a stale one with 412 and the current one', async () => {
  const attached = await t.app.inject({
    method: 'POST',
    url: '/buckets/web-site/domains',
    headers: { ...key.headers, 'content-type': 'application/json' },
    payload: { domain: 'www.example.com', certificate: 'none' },
  });
  expect(attached.statusCode, attached.body).toBe(202);
  // The reconciler's first watch pass changes the row once; after it, nothing is due for an hour.
  const deadline = Date.now() + 10_000;
  let read = await call('GET', url);
  while (read.json().checks.lastCheckedAt === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    read = await call('GET', url);
  }
  const etag = read.headers.etag as string;
  expect(etag).toMatch(/^"\d+"$/);

  const stale = await call('POST', `${url}/check`, { 'if-match': '"0"' });
  expect(stale.statusCode).toBe(412);
  expect(stale.json()).toMatchObject({ code: 'precondition-failed', currentEtag: etag });
  expect(stale.headers.etag).toBe(etag);

  const checked = await call('POST', `${url}/check`, { 'if-match': `"x", ${etag}` });
  expect(checked.statusCode, checked.body).toBe(202);
  const next = checked.headers.etag as string;
  expect(next).not.toBe(etag);

  expect((await call('DELETE', url, { 'if-match': etag })).statusCode).toBe(412);
  const deleting = await call('DELETE', url, { 'if-match': '*' });
  expect(deleting.statusCode, deleting.body).toBe(202);
  expect(deleting.json().status).toBe('deleting');
});

it('If-Match on a domain that is not managed answers 412, without it 404', async () => {
  const other = '/buckets/web-site/domains/nothing.example.com';
  const withIfMatch = await call('DELETE', other, { 'if-match': '*' });
  expect(withIfMatch.statusCode).toBe(412);
  expect(withIfMatch.json()).toMatchObject({ code: 'precondition-failed', currentEtag: null });
  expect((await call('POST', `${other}/check`)).statusCode).toBe(404);
});
