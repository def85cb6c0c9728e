// Certificates on a binding through buildApp → OssClient → emulator: CAS ids, uploads, refusals, and
// the cert:write action they need.
import { describe, expect, it } from 'vitest';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { testKey } from '../helpers/keys.ts';
import { put, putCnames, stack, url, useBindingStack, verified } from './helpers/bindings-stack.ts';

const noCerts = testKey('no-certs', { actions: ['cname:read', 'cname:write'] });
useBindingStack([noCerts]);

describe('PUT /buckets/:bucket/cnames/:domain', () => {
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
});
