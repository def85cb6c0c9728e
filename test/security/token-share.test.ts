// Issue 19, F7: one API key may hold at most TOKENS_PER_KEY_PER_BUCKET live ownership tokens on a bucket,
// so it cannot fill OSS's 1,000 per bucket and lock the other tenants out for 72 h.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OssInvoker, putCname } from '../../src/oss/index.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const tenantA = testKey('tenant-a');
const tenantB = testKey('tenant-b');
let stack: Stack;
let client: OssInvoker;

beforeAll(async () => {
  stack = await startStack({
    keys: [tenantA, tenantB],
    config: (c) => ({ ...c, TOKENS_PER_KEY_PER_BUCKET: 2 }),
    wrap: (inner) => {
      client = inner;
      return inner;
    },
  });
});
afterAll(() => stack.close());

const createToken = (domain: string, headers: { authorization: string }, query = '') =>
  stack.app.inject({
    method: 'POST',
    url: `/buckets/examplebucket/cname-tokens${query}`,
    headers,
    payload: { domain },
  });

describe('a key at its share of a bucket’s tokens', () => {
  it('is refused a new token (429, limit, Retry-After) while other keys are not', async () => {
    expect((await createToken('a.share.example.com', tenantA.headers)).statusCode).toBe(201);
    expect((await createToken('b.share.example.com', tenantA.headers)).statusCode).toBe(201);
    // Getting back a still-valid token is no new token.
    expect((await createToken('a.share.example.com', tenantA.headers)).statusCode).toBe(200);
    const refused = await createToken('c.share.example.com', tenantA.headers);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'token-share-exceeded', bucket: 'examplebucket', limit: 2 });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(71 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(72 * 3600);
    // A dry run gives the refusal the real request would get.
    expect((await createToken('c.share.example.com', tenantA.headers, '?dryRun=true')).statusCode).toBe(429);
    expect((await createToken('c.share.example.com', tenantB.headers)).statusCode).toBe(201);
  });

  it('gets a slot back when one of its domains is bound, by the service or around it', async () => {
    const token = (await createToken('a.share.example.com', tenantA.headers)).json().token;
    await stack.publishToken('a.share.example.com', token);
    const bind = await stack.app.inject({
      method: 'PUT',
      url: '/buckets/examplebucket/cnames/a.share.example.com',
      headers: tenantA.headers,
    });
    expect(bind.statusCode).toBe(201);
    expect((await createToken('d.share.example.com', tenantA.headers)).statusCode).toBe(201);
    expect((await createToken('e.share.example.com', tenantA.headers)).statusCode).toBe(429);

    // Bound in OSS without the service (the console, another deployment): found when the key is at its share.
    const other = (await createToken('b.share.example.com', tenantA.headers)).json().token;
    await stack.publishToken('b.share.example.com', other);
    await client.invoke(putCname, { bucket: 'examplebucket', domain: 'b.share.example.com' });
    expect((await createToken('e.share.example.com', tenantA.headers)).statusCode).toBe(201);
  });

  it('counts the tokens managed domains create on attach against the same share', async () => {
    const attach = (domain: string) =>
      stack.app.inject({
        method: 'POST',
        url: '/buckets/examplebucket/domains',
        headers: tenantB.headers,
        payload: { domain, certificate: 'none' },
      });
    // tenant-b holds one token (c.share) of its two.
    expect((await attach('f.share.example.com')).statusCode).toBe(202);
    const refused = await attach('g.share.example.com');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'token-share-exceeded', limit: 2 });
    expect((await createToken('g.share.example.com', tenantB.headers)).statusCode).toBe(429);
  });
});
