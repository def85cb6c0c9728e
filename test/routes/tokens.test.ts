// Ownership tokens through buildApp → real OssClient → emulator over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const reader = testKey('reader', { actions: ['cname:read'] });
const narrow = testKey('narrow', { domains: ['*.allowed.example.com'] });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ keys: [reader, narrow] });
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

const createToken = (domain: string, headers = stack.admin.headers, bucket = 'examplebucket') =>
  stack.app.inject({ method: 'POST', url: `/buckets/${bucket}/cname-tokens`, headers, payload: { domain } });

describe('POST /buckets/:bucket/cname-tokens', () => {
  it('creates a token (201) with the TXT record to publish and the CNAME target', async () => {
    const res = await createToken('www.example.com');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      bucket: 'examplebucket',
      domain: 'www.example.com',
      token: expect.stringMatching(/^[0-9a-f]{32}$/),
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      dnsRecords: [
        {
          type: 'TXT',
          name: '_dnsauth.www.example.com',
          zone: 'example.com',
          zoneSource: 'dns',
          host: '_dnsauth.www',
          value: body.token,
        },
      ],
      cnameTarget: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
    });
    const live = stack.emulator.state().tokens.find((t) => t.domain === 'www.example.com');
    expect(live?.token).toBe(body.token);
    expect(Date.parse(body.expiresAt)).toBe(Date.parse(live?.expiresAt ?? ''));
  });

  it('answers 200 with the same token while it is still valid', async () => {
    const first = (await createToken('www.example.com')).json();
    const again = await createToken('www.example.com');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
  });

  it('normalises case, a trailing dot and IDN to one domain', async () => {
    const first = (await createToken('Bücher.Example.com.')).json();
    expect(first.domain).toBe('xn--bcher-kva.example.com');
    expect(first.dnsRecords[0].name).toBe('_dnsauth.xn--bcher-kva.example.com');
    const again = await createToken('xn--bcher-kva.example.com');
    expect(again.statusCode).toBe(200);
    expect(again.json().token).toBe(first.token);
  });

  it('finds the bucket region itself', async () => {
    const res = await createToken('far.example.com', stack.admin.headers, 'farbucket');
    expect(res.statusCode).toBe(201);
    expect(res.json().cnameTarget).toBe('farbucket.oss-ap-southeast-1.aliyuncs.com');
    const location = stack.attempts.find((a) => a.operation === 'GetBucketLocation');
    expect(location).toBeDefined();
  });

  it('refuses wildcards with the reason, before calling OSS', async () => {
    const before = stack.attempts.length;
    const res = await createToken('*.example.com');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'wildcard-not-supported',
      detail: expect.stringMatching(/standard/),
    });
    expect(stack.attempts.length).toBe(before);
  });

  it('refuses invalid domains and unknown fields as problems', async () => {
    expect((await createToken('w.c')).json()).toMatchObject({ status: 400, code: 'invalid-domain' });
    expect((await createToken('10.0.0.1')).json()).toMatchObject({
      status: 400,
      code: 'ip-address-not-allowed',
    });
    const extra = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      headers: stack.admin.headers,
      payload: { domain: 'www.example.com', region: 'cn-hangzhou' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'invalid-request', issues: [{ in: 'body' }] });
  });

  it('answers 404 bucket-not-found with the OSS ids', async () => {
    const res = await createToken('www.example.com', stack.admin.headers, 'nosuchbucket');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'bucket-not-found',
      ossCode: 'NoSuchBucket',
      ossRequestId: expect.stringMatching(/^[0-9A-F]{24}$/),
      ossEc: '0015-00000101',
    });
  });

  it('answers 409 already-bound once the domain is bound here', async () => {
    const { token } = (await createToken('bound.example.com')).json();
    await stack.publishToken('bound.example.com', token);
    const put = await stack.app.inject({
      method: 'PUT',
      url: '/buckets/examplebucket/cnames/bound.example.com',
      headers: stack.admin.headers,
    });
    expect(put.statusCode).toBe(201);
    const res = await createToken('bound.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'already-bound', ossCode: 'NoNeedCreateCnameToken' });
  });

  it('needs cname:write and a domain in scope', async () => {
    expect((await createToken('www.example.com', reader.headers)).json()).toMatchObject({
      status: 403,
      code: 'action-not-allowed',
    });
    expect((await createToken('www.example.com', narrow.headers)).json()).toMatchObject({
      status: 403,
      code: 'domain-out-of-scope',
    });
    expect((await createToken('a.allowed.example.com', narrow.headers)).statusCode).toBe(201);
    const anonymous = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      payload: { domain: 'www.example.com' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /buckets/:bucket/cname-tokens/:domain', () => {
  it('reads the live token', async () => {
    const created = (await createToken('www.example.com')).json();
    const res = await stack.app.inject({
      method: 'GET',
      url: '/buckets/examplebucket/cname-tokens/WWW.example.com.',
      headers: reader.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(created);
  });

  it('answers 404 token-not-found when there is none, and after it expired', async () => {
    const none = await stack.app.inject({
      method: 'GET',
      url: '/buckets/examplebucket/cname-tokens/none.example.com',
      headers: reader.headers,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'token-not-found', ossCode: 'CnameTokenNotFound' });

    await createToken('old.example.com');
    await stack.emulator.setClockOffset(73 * 3600);
    const expired = await stack.app.inject({
      method: 'GET',
      url: '/buckets/examplebucket/cname-tokens/old.example.com',
      headers: reader.headers,
    });
    expect(expired.json()).toMatchObject({ status: 404, code: 'token-not-found' });
  });
});
