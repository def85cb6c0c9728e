// Certificate checks through the API, before anything reaches OSS: each broken certificate (made here by
// openssl) gets its own problem code and fix; what only deserves a warning binds and says so; certIds are
// normalised with OSS_CERT_REGION and malformed ones refused with the right form shown.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { encryptKey, makeKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'secure.example.com';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

const put = (body: object, domain = DOMAIN) =>
  stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${domain}`,
    headers: stack.admin.headers,
    payload: body,
  });

const upload = (certificate: string, privateKey: string) => ({ certificate: { certificate, privateKey } });

describe('uploaded certificates that cannot work are refused before OSS is asked anything', () => {
  it.each([
    [
      'expired',
      async () => {
        const c = await makeCertificate({ sans: [DOMAIN], validity: 'expired' });
        return upload(c.chainPem, c.privateKeyPem);
      },
      'certificate-expired',
    ],
    [
      'for another host',
      async () => {
        const c = await makeCertificate({ sans: ['other.example.com'] });
        return upload(c.chainPem, c.privateKeyPem);
      },
      'certificate-hostname-mismatch',
    ],
    [
      'with a key that is not its own',
      async () => {
        const c = await makeCertificate({ sans: [DOMAIN] });
        return upload(c.chainPem, await makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' }));
      },
      'private-key-mismatch',
    ],
    [
      'with an encrypted key',
      async () => {
        const c = await makeCertificate({ sans: [DOMAIN] });
        return upload(c.chainPem, await encryptKey(c.privateKeyPem, 'pkcs8'));
      },
      'private-key-encrypted',
    ],
    [
      'with the key in the certificate field',
      async () => {
        const c = await makeCertificate({ sans: [DOMAIN] });
        return upload(c.privateKeyPem, c.privateKeyPem);
      },
      'certificate-not-a-certificate',
    ],
  ])('%s', async (_name, body, code) => {
    const sent = stack.attempts.length;
    const res = await put(await body());
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem).toMatchObject({
      code,
      certificateErrors: expect.arrayContaining([expect.objectContaining({ code })]),
    });
    const issue = problem.certificateErrors.find((i: { code: string }) => i.code === code);
    expect(issue.fix.length).toBeGreaterThan(10);
    expect(problem.detail).toContain(issue.fix);
    expect(stack.attempts.length).toBe(sent);
  });
});

describe('certificates that deserve a warning bind, and the answer says why', () => {
  it('a chain sent in the wrong order is sent leaf first', async () => {
    await stack.verify(DOMAIN);
    const c = await makeCertificate({ sans: [DOMAIN] });
    const res = await put(upload(`${c.intermediatePem}${c.certificatePem}`, c.privateKeyPem));
    expect(res.statusCode).toBe(201);
    expect(res.json().certificateWarnings).toEqual([
      expect.objectContaining({ code: 'certificate-chain-order' }),
    ]);
    // OSS got the leaf first: the fingerprint it shows is the leaf's.
    expect(res.json().certificate.fingerprint).toBe(await opensslSha1Fingerprint(c.certificatePem));
  });

  it('a wildcard certificate covers a host one label below it', async () => {
    await stack.verify(DOMAIN);
    const c = await makeCertificate({ sans: ['*.example.com'] });
    const res = await put(upload(c.chainPem, c.privateKeyPem));
    expect(res.statusCode).toBe(201);
    expect(res.json().certificateWarnings).toEqual([]);
    const apex = await makeCertificate({ sans: ['*.secure.example.com'] });
    const notCovered = await put(upload(apex.chainPem, apex.privateKeyPem));
    expect(notCovered.json()).toMatchObject({ status: 422, code: 'certificate-hostname-mismatch' });
  });

  it('a self-signed certificate', async () => {
    await stack.verify(DOMAIN);
    const c = await makeCertificate({ sans: [DOMAIN], issuer: 'self' });
    const res = await put(upload(c.chainPem, c.privateKeyPem));
    expect(res.statusCode).toBe(201);
    expect(res.json().certificateWarnings).toEqual([
      expect.objectContaining({ code: 'certificate-self-signed' }),
    ]);
  });
});

describe('certIds', () => {
  it('a bare id is completed with OSS_CERT_REGION (default cn-hangzhou), with a warning', async () => {
    await stack.verify(DOMAIN);
    const res = await put({ certificate: { certId: '1001' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      certificate: { certId: '1001-cn-hangzhou' },
      certificateWarnings: [expect.objectContaining({ code: 'cert-id-region-assumed' })],
    });
  });

  it.each([
    ['19580016-cas.aliyuncs.com', 'Send "19580016-cn-hangzhou".'],
    ['19580016-cas.ap-southeast-1.aliyuncs.com', 'Send "19580016-ap-southeast-1".'],
    ['19580016-oss-cn-hangzhou', 'Send "19580016-cn-hangzhou" (region without the oss- prefix).'],
    ['493****-cn-hangzhou', 'Send CertId as <numeric id>-<certificate region>'],
  ])('%s is refused with the right form shown, before OSS is asked', async (certId, fix) => {
    const sent = stack.attempts.length;
    const res = await put({ certificate: { certId } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid-cert-id', fix: expect.stringContaining(fix) });
    expect(stack.attempts.length).toBe(sent);
  });

  it('OSS_CERT_REGION decides the region of a bare id', async () => {
    const international = await startStack({
      config: (c) => ({ ...c, OSS_CERT_REGION: 'ap-southeast-1' }),
    });
    try {
      // A dry run of a bind OSS would refuse answers that refusal: publish the token first.
      await international.verify(DOMAIN);
      const res = await international.app.inject({
        method: 'PUT',
        url: `/buckets/examplebucket/cnames/${DOMAIN}?dryRun=true`,
        headers: international.admin.headers,
        payload: { certificate: { certId: '19580016' } },
      });
      expect(res.json().certificate).toMatchObject({ source: 'cas', certId: '19580016-ap-southeast-1' });
      expect(res.json().wouldCall[0].certificateConfiguration).toEqual({
        certId: '19580016-ap-southeast-1',
        force: true,
      });
    } finally {
      await international.close();
    }
  });
});
