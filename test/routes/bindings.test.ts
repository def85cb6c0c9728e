// Binding, certificate changes, preconditions and unbinding through buildApp → OssClient → emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const noCerts = testKey('no-certs', { actions: ['cname:read', 'cname:write'] });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ keys: [noCerts] });
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

const url = (domain: string, bucket = 'examplebucket') => `/buckets/${bucket}/cnames/${domain}`;

function put(domain: string, body?: unknown, headers: Record<string, string> = {}) {
  return stack.app.inject({
    method: 'PUT',
    url: url(domain),
    headers: { ...stack.admin.headers, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** Creates the token and publishes its TXT record, as a caller would. */
async function verified(domain: string, bucket = 'examplebucket'): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: `/buckets/${bucket}/cname-tokens`,
    headers: stack.admin.headers,
    payload: { domain },
  });
  const { token } = res.json();
  await stack.publishToken(domain, token);
  return token;
}

const putCnames = () => stack.operations().filter((op) => op === 'PutCname').length;

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

  it('attaches, keeps and rotates a CAS certificate; If-Match becomes PreviousCertId', async () => {
    await verified('www.example.com');
    await put('www.example.com');
    const attached = await put('www.example.com', { certificate: { certId: '1001-cn-hangzhou' } });
    expect(attached.statusCode).toBe(200);
    expect(attached.headers.etag).toBe('"1001-cn-hangzhou"');
    expect(attached.json().certificate).toMatchObject({
      type: 'CAS',
      certId: '1001-cn-hangzhou',
      status: 'Enabled',
    });

    const count = putCnames();
    const same = await put('www.example.com', { certificate: { certId: '1001-cn-hangzhou' } });
    expect(same.statusCode).toBe(200);
    expect(putCnames()).toBe(count);

    const stale = await put(
      'www.example.com',
      { certificate: { certId: '1002-cn-hangzhou' } },
      { 'if-match': '"none"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.headers.etag).toBe('"1001-cn-hangzhou"');
    expect(stale.json()).toMatchObject({ code: 'precondition-failed', currentEtag: '"1001-cn-hangzhou"' });
    expect(putCnames()).toBe(count);

    const rotated = await put(
      'www.example.com',
      { certificate: { certId: '1002-cn-hangzhou' } },
      { 'if-match': '"1001-cn-hangzhou"' },
    );
    expect(rotated.statusCode).toBe(200);
    expect(rotated.headers.etag).toBe('"1002-cn-hangzhou"');
    expect(rotated.json().certificate.validUntil).toBe('2028-01-01T00:00:00.000Z');
  });

  it('binds with an uploaded certificate in one call; the same PEM again is not re-put', async () => {
    await verified('secure.example.com');
    const cert = await makeCertificate({ sans: ['secure.example.com'] });
    const body = { certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem } };
    const res = await put('secure.example.com', body);
    expect(res.statusCode).toBe(201);
    const fingerprint = await opensslSha1Fingerprint(cert.certificatePem);
    expect(res.json().certificate).toMatchObject({ type: 'Upload', status: 'Enabled', fingerprint });
    expect(res.headers.etag).toBe(`"${res.json().certificate.certId}"`);
    const count = putCnames();
    const again = await put('secure.example.com', body);
    expect(again.statusCode).toBe(200);
    expect(putCnames()).toBe(count);
  });

  it('refuses bad certificate material with 422 before calling OSS', async () => {
    await verified('secure.example.com');
    const wrongHost = await makeCertificate({ sans: ['other.example.com'] });
    const count = stack.attempts.length;
    const res = await put('secure.example.com', {
      certificate: { certificate: wrongHost.chainPem, privateKey: wrongHost.privateKeyPem },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'certificate-hostname-mismatch',
      certificateErrors: [expect.any(Object)],
    });
    expect(stack.attempts.length).toBe(count);
    const badId = await put('secure.example.com', { certificate: { certId: 'cas-abc' } });
    expect(badId.json()).toMatchObject({ status: 400, code: 'invalid-cert-id' });
  });

  it('answers 422 certificate-id-unknown for a certId the certificate service does not hold', async () => {
    await verified('www.example.com');
    await put('www.example.com');
    const res = await put('www.example.com', { certificate: { certId: '9999-cn-hangzhou' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'certificate-id-unknown', ossCode: 'CertificateInvalidCasId' });
  });

  it('needs cert:write only when a certificate is involved', async () => {
    await verified('www.example.com');
    const withCert = await stack.app.inject({
      method: 'PUT',
      url: url('www.example.com'),
      headers: noCerts.headers,
      payload: { certificate: { certId: '1001-cn-hangzhou' } },
    });
    expect(withCert.json()).toMatchObject({ status: 403, code: 'action-not-allowed', action: 'cert:write' });
    const plain = await stack.app.inject({
      method: 'PUT',
      url: url('www.example.com'),
      headers: noCerts.headers,
    });
    expect(plain.statusCode).toBe(201);
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
