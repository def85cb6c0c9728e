// ?dryRun=true on every write: validated, authorized and checked as for real, answered with what would
// be sent to OSS, and nothing that changes state reaches OSS (counted at the emulator).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificate } from '../helpers/certs.ts';
import { tripwire } from '../helpers/direct-oss.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
let stack: Stack;
let writes: () => number;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.emulator.reset();
  const counts = (['CreateCnameToken', 'PutCname', 'DeleteCname'] as const).map((op) =>
    tripwire(stack.emulator, op),
  );
  writes = () => counts.reduce((sum, count) => sum + count(), 0);
});

function send(
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return stack.app.inject({
    method,
    url,
    headers: { ...stack.admin.headers, ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
}

describe('POST /buckets/:bucket/cname-tokens?dryRun=true', () => {
  it('shows the CreateCnameToken it would send, and creates nothing', async () => {
    const res = await send('POST', '/buckets/examplebucket/cname-tokens?dryRun=true', { domain: DOMAIN });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      action: 'create-token',
      bucket: 'examplebucket',
      domain: DOMAIN,
      region: 'cn-hangzhou',
      expectedStatus: 201,
      summary: expect.stringContaining('new token'),
      wouldCall: [
        { operation: 'CreateCnameToken', bucket: 'examplebucket', domain: DOMAIN, region: 'cn-hangzhou' },
      ],
      current: null,
      token: null,
      preflight: null,
      certificate: null,
    });
    expect(writes()).toBe(0);
    expect(stack.emulator.state().tokens).toEqual([]);
  });

  it('shows the still-valid token OSS would hand back (200)', async () => {
    const created = (await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN })).json();
    const before = writes();
    const res = await send('POST', '/buckets/examplebucket/cname-tokens?dryRun=1', { domain: DOMAIN });
    expect(res.json()).toMatchObject({ expectedStatus: 200, token: created });
    expect(writes()).toBe(before);
  });

  it('answers as the real request would when the domain is bound: 409 already-bound', async () => {
    const token = (await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN })).json()
      .token;
    await stack.publishToken(DOMAIN, token);
    await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`);
    const before = writes();
    const res = await send('POST', '/buckets/examplebucket/cname-tokens?dryRun=true', { domain: DOMAIN });
    expect(res.json()).toMatchObject({ status: 409, code: 'already-bound' });
    expect(writes()).toBe(before);
  });
});

describe('PUT /buckets/:bucket/cnames/:domain?dryRun=true', () => {
  it('runs the pre-flight: a TXT record OSS cannot see answers 409 dns-not-ready, as for real', async () => {
    await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN });
    const before = writes();
    const res = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('dns-not-ready');
    expect(writes()).toBe(before);
  });

  it('checks the certificate and shows the PutCname flags, never the private key', async () => {
    const token = (await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN })).json()
      .token;
    await stack.publishToken(DOMAIN, token);
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const before = writes();
    const res = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`, {
      certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      action: 'bind',
      expectedStatus: 201,
      current: null,
      preflight: { domain: DOMAIN },
      certificate: {
        source: 'upload',
        fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/),
        dnsNames: [DOMAIN],
        chainLength: 2,
        warnings: [],
      },
    });
    expect(body.wouldCall).toEqual([
      {
        operation: 'PutCname',
        bucket: 'examplebucket',
        domain: DOMAIN,
        region: 'cn-hangzhou',
        certificateConfiguration: {
          certificate: `PEM, 2 certificate(s), leaf SHA-1 ${body.certificate.fingerprint}`,
          privateKey: '[redacted]',
          force: true,
        },
      },
    ]);
    const keyBody = cert.privateKeyPem.split('\n')[1] ?? '';
    expect(res.body).not.toContain('PRIVATE KEY');
    expect(res.body).not.toContain(keyBody);
    expect(res.body).not.toContain('BEGIN CERTIFICATE');
    expect(writes()).toBe(before);
    expect(stack.emulator.state().bindings).toEqual([]);
  });

  it('refuses bad certificate material exactly as the real request does', async () => {
    const expired = await makeCertificate({ sans: [DOMAIN], validity: 'expired' });
    const res = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`, {
      certificate: { certificate: expired.chainPem, privateKey: expired.privateKeyPem },
    });
    expect(res.json()).toMatchObject({ status: 422, code: 'certificate-expired' });
  });

  it('shows a certificate change with the PreviousCertId it would send', async () => {
    const token = (await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN })).json()
      .token;
    await stack.publishToken(DOMAIN, token);
    await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, {
      certificate: { certId: '1001-cn-hangzhou' },
    });
    const before = writes();
    const res = await send(
      'PUT',
      `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`,
      { certificate: { certId: '1002' } },
      { 'if-match': '"1001-cn-hangzhou"' },
    );
    expect(res.json()).toMatchObject({
      action: 'change-certificate',
      expectedStatus: 200,
      current: { domain: DOMAIN, etag: '"1001-cn-hangzhou"' },
      preflight: null,
      certificate: {
        source: 'cas',
        certId: '1002-cn-hangzhou',
        warnings: [expect.objectContaining({ code: 'cert-id-region-assumed' })],
      },
      wouldCall: [
        {
          operation: 'PutCname',
          certificateConfiguration: { certId: '1002-cn-hangzhou', previousCertId: '1001-cn-hangzhou' },
        },
      ],
    });
    expect(writes()).toBe(before);
    expect(stack.emulator.state().bindings[0]?.certificate?.certId).toBe('1001-cn-hangzhou');

    const unchanged = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`, {
      certificate: { certId: '1001-cn-hangzhou' },
    });
    expect(unchanged.json()).toMatchObject({ action: 'none', expectedStatus: 200, wouldCall: [] });

    const collection = await send('PUT', '/buckets/examplebucket/cnames?dryRun=true', {
      domain: DOMAIN,
      certificate: { certId: '1002-cn-hangzhou' },
      force: true,
    });
    expect(collection.json().wouldCall[0].certificateConfiguration).toEqual({
      certId: '1002-cn-hangzhou',
      previousCertId: '1001-cn-hangzhou',
      force: true,
    });
    expect(writes()).toBe(before);
  });

  it('refuses a misspelt dryRun parameter instead of writing', async () => {
    const res = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryrun=true`);
    expect(res.json()).toMatchObject({ status: 400, code: 'invalid-request' });
    const bad = await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=maybe`);
    expect(bad.json()).toMatchObject({ status: 400, code: 'invalid-request' });
    expect(writes()).toBe(0);
  });
});

describe('DELETE ?dryRun=true', () => {
  beforeEach(async () => {
    const token = (await send('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN })).json()
      .token;
    await stack.publishToken(DOMAIN, token);
    await send('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, {
      certificate: { certId: '1001-cn-hangzhou' },
    });
  });

  it('shows the DeleteCname it would send, in both forms, and unbinds nothing', async () => {
    const before = writes();
    const item = await send('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`);
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject({
      action: 'unbind',
      expectedStatus: 204,
      current: { domain: DOMAIN },
      wouldCall: [
        { operation: 'DeleteCname', bucket: 'examplebucket', domain: DOMAIN, region: 'cn-hangzhou' },
      ],
    });
    const collection = await send('DELETE', '/buckets/examplebucket/cnames?dryRun=true', { domain: DOMAIN });
    expect(collection.json()).toMatchObject({ action: 'unbind' });
    const elsewhere = await send('DELETE', '/buckets/examplebucket/cnames/other.example.com?dryRun=true');
    expect(elsewhere.json()).toMatchObject({ action: 'none', current: null });
    const stale = await send('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`, undefined, {
      'if-match': '"none"',
    });
    expect(stale.json()).toMatchObject({ status: 412, code: 'precondition-failed' });
    expect(writes()).toBe(before);
    expect(stack.emulator.state().bindings).toHaveLength(1);
  });

  it('shows the certificate removal it would send: DeleteCertificate alone, never with Force', async () => {
    const before = writes();
    const res = await send('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}/certificate?dryRun=true`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ action: 'remove-certificate', expectedStatus: 204 });
    expect(res.json().wouldCall).toEqual([
      {
        operation: 'PutCname',
        bucket: 'examplebucket',
        domain: DOMAIN,
        region: 'cn-hangzhou',
        certificateConfiguration: { deleteCertificate: true },
      },
    ]);
    expect(writes()).toBe(before);
    expect(stack.emulator.state().bindings[0]?.certificate?.certId).toBe('1001-cn-hangzhou');
    const missing = await send(
      'DELETE',
      '/buckets/examplebucket/cnames/other.example.com/certificate?dryRun=true',
    );
    expect(missing.json()).toMatchObject({ status: 404, code: 'cname-not-found' });
  });
});
