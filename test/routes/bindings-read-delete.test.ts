// Reading a binding, removing its certificate, and unbinding, through buildApp → OssClient → emulator.
import { describe, expect, it } from 'vitest';
import { put, putCnames, stack, url, useBindingStack, verified } from './helpers/bindings-stack.ts';

useBindingStack();

describe('GET /buckets/:bucket/cnames/:domain', () => {
  it('returns the binding with its ETag, normalising the path domain', async () => {
    await verified('xn--bcher-kva.example.com');
    await put('xn--bcher-kva.example.com');
    const res = await stack.app.inject({
      method: 'GET',
      url: url(encodeURIComponent('Bücher.example.com')),
      headers: stack.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"none"');
    expect(res.json()).toMatchObject({
      domain: 'xn--bcher-kva.example.com',
      domainUnicode: 'bücher.example.com',
    });
  });

  it('answers 404 cname-not-found when not bound', async () => {
    const res = await stack.app.inject({
      method: 'GET',
      url: url('nothere.example.com'),
      headers: stack.admin.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'cname-not-found' });
  });
});

describe('DELETE', () => {
  it('removes only the certificate (204, idempotent, no second PutCname)', async () => {
    await verified('www.example.com');
    await put('www.example.com', { certificate: { certId: '1001-cn-hangzhou' } });
    const del = () =>
      stack.app.inject({
        method: 'DELETE',
        url: `${url('www.example.com')}/certificate`,
        headers: stack.admin.headers,
      });
    expect((await del()).statusCode).toBe(204);
    expect(stack.emulator.state().bindings[0]?.certificate).toBeNull();
    const count = putCnames();
    expect((await del()).statusCode).toBe(204);
    expect(putCnames()).toBe(count);
    const missing = await stack.app.inject({
      method: 'DELETE',
      url: `${url('nothere.example.com')}/certificate`,
      headers: stack.admin.headers,
    });
    expect(missing.json()).toMatchObject({ status: 404, code: 'cname-not-found' });
  });

  it('unbinds (204) idempotently, in both forms, honouring If-Match', async () => {
    await verified('www.example.com');
    await put('www.example.com');
    const stale = await stack.app.inject({
      method: 'DELETE',
      url: url('www.example.com'),
      headers: { ...stack.admin.headers, 'if-match': '"1001-cn-hangzhou"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stack.emulator.state().bindings).toHaveLength(1);
    const first = await stack.app.inject({
      method: 'DELETE',
      url: url('www.example.com'),
      headers: stack.admin.headers,
    });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    expect(stack.emulator.state().bindings).toHaveLength(0);
    const again = await stack.app.inject({
      method: 'DELETE',
      url: '/buckets/examplebucket/cnames',
      headers: stack.admin.headers,
      payload: { domain: 'www.example.com' },
    });
    expect(again.statusCode).toBe(204);
  });
});
