// Binding through buildApp → OssClient → emulator: ownership checks, the bind itself, preconditions,
// the collection form and refused domains.
import { describe, expect, it } from 'vitest';
import { put, putCnames, stack, useBindingStack, verified } from './helpers/bindings-stack.ts';

useBindingStack();

describe('PUT /buckets/:bucket/cnames/:domain', () => {
  it('answers 409 dns-not-ready with the TXT record still to publish, without calling PutCname', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      headers: stack.admin.headers,
      payload: { domain: 'www.example.com' },
    });
    const before = putCnames();
    const res = await put('www.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'dns-not-ready',
      dnsRecord: {
        type: 'TXT',
        name: '_dnsauth.www.example.com',
        host: '_dnsauth.www',
        value: created.json().token,
      },
      preflight: { verdict: 'fail' },
    });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(putCnames()).toBe(before);
  });

  it('tells the caller to create a token when none exists', async () => {
    const res = await put('www.example.com');
    expect(res.json()).toMatchObject({ status: 409, code: 'domain-ownership-unverified', dnsRecord: null });
    expect(res.json().detail).toMatch(/POST \/buckets\/examplebucket\/cname-tokens/);
  });

  it('binds (201, ETag "none", Location), then a repeated PUT answers 200 without calling PutCname', async () => {
    await verified('www.example.com');
    const res = await put('www.example.com');
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"none"');
    expect(res.headers.location).toBe('/buckets/examplebucket/cnames/www.example.com');
    expect(res.json()).toMatchObject({
      bucket: 'examplebucket',
      domain: 'www.example.com',
      status: 'Enabled',
      certificate: null,
      wildcard: false,
      etag: '"none"',
      cnameTarget: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      lastModified: expect.any(String),
    });
    const before = putCnames();
    const again = await put('WWW.EXAMPLE.COM.', {});
    expect(again.statusCode).toBe(200);
    // The first answer also carries the pre-flight run before binding; the second ran none.
    const { preflight, ...bound } = res.json();
    expect(preflight).toMatchObject({ domain: 'www.example.com', verdict: expect.any(String) });
    expect(again.json()).toEqual(bound);
    expect(putCnames()).toBe(before);
  });

  it('If-Match on a domain that is not bound, and If-None-Match: * on one that is, answer 412', async () => {
    await verified('www.example.com');
    expect((await put('www.example.com', undefined, { 'if-match': '*' })).statusCode).toBe(412);
    expect((await put('www.example.com', undefined, { 'if-none-match': '*' })).statusCode).toBe(201);
    expect((await put('www.example.com', undefined, { 'if-none-match': '*' })).statusCode).toBe(412);
  });

  it('reaches the same handler through the collection form', async () => {
    await verified('www.example.com');
    const res = await stack.app.inject({
      method: 'PUT',
      url: '/buckets/examplebucket/cnames',
      headers: stack.admin.headers,
      payload: { domain: 'WWW.example.com', certificate: { certId: '1001-cn-hangzhou' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      domain: 'www.example.com',
      certificate: { certId: '1001-cn-hangzhou' },
    });
    expect(stack.emulator.state().bindings.map((b) => b.domain)).toEqual(['www.example.com']);
  });

  it('refuses wildcards and invalid domains before calling OSS', async () => {
    const count = stack.attempts.length;
    expect((await put('*.example.com')).json()).toMatchObject({
      status: 422,
      code: 'wildcard-not-supported',
    });
    expect((await put('my_host.example.com')).json()).toMatchObject({ status: 400, code: 'invalid-domain' });
    expect(stack.attempts.length).toBe(count);
  });
});
