// Certificates on bound domains: uploads read with X509Certificate (fingerprint, validity, key match),
// CAS ids from the seed's registry, and the PreviousCertId / Force / DeleteCertificate rules.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { CAS_ID, CAS_ID_B, KEY_A, startEmulator } from './helpers/emulator.ts';
import { bind } from './helpers/lifecycle.ts';
import { type BucketOps, closeOssClients, emulatorBucket, serviceError } from './helpers/oss.ts';

let emulator: Emulator;
let ops: BucketOps;
const DOMAIN = 'secure.example.com';

beforeAll(async () => {
  emulator = await startEmulator();
  ops = emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A });
});
afterAll(async () => {
  await closeOssClients();
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
  await bind(emulator, ops, DOMAIN);
});

const upload = (certificate: string, privateKey: string) => ({ certificate, privateKey });
/** A PutCname body for DOMAIN with these CertificateConfiguration children, written by hand. */
const withCertificate = (children: string) =>
  `<BucketCnameConfiguration><Cname><Domain>${DOMAIN}</Domain><CertificateConfiguration>${children}</CertificateConfiguration></Cname></BucketCnameConfiguration>`;
const certificate = async () => {
  const cert = (await ops.list()).cnames[0]?.certificate;
  if (!cert) throw new Error(`no certificate on ${DOMAIN}`);
  return cert;
};

describe('uploaded certificates', () => {
  it('records the real SHA-1 fingerprint and the validity from the certificate', async () => {
    const cert = await makeCertificate({
      sans: [DOMAIN],
      notBefore: new Date('2024-03-04T05:06:07Z'),
      notAfter: new Date('2048-05-04T10:14:51Z'),
    });
    const answer = await ops.put(DOMAIN, { ...upload(cert.chainPem, cert.privateKeyPem), force: true });
    expect(answer.status).toBe(200);
    const bound = await certificate();
    expect(bound.type).toBe('Upload');
    expect(bound.status).toBe('Enabled');
    expect(bound.fingerprint).toBe(await opensslSha1Fingerprint(cert.certificatePem));
    expect(bound.fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(bound.validStartDate.raw).toBe('Mon, 4 Mar 2024 05:06:07 GMT');
    expect(bound.validEndDate.raw).toBe('Mon, 4 May 2048 10:14:51 GMT');
    expect(bound.creationDate.raw).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(bound.certId).toMatch(/^\d+-cn-hangzhou$/);
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const stranger = await makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' });
    const answer = await serviceError(ops.put(DOMAIN, upload(cert.certificatePem, stranger)));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.serverMessage).toBe('The private key does not match the certificate.');
    // Every text node of the error body: the message, the core ids and each other child.
    const everything = JSON.stringify([answer.serverMessage, answer.requestId, answer.hostId, answer.fields]);
    expect(everything).not.toContain('PRIVATE KEY');
  });

  it('refuses a certificate without its key and a key without its certificate', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const noKey = await serviceError(ops.put(DOMAIN, { certificate: cert.certificatePem }));
    expect(noKey.code).toBe('InvalidArgument');
    expect(noKey.ec).toBe('0018-00000210');
    const noCert = await serviceError(ops.put(DOMAIN, { privateKey: cert.privateKeyPem }));
    expect(noCert.ec).toBe('0018-00000210');
  });

  it('refuses something that is not a PEM certificate', async () => {
    const key = await makeKey({ type: 'rsa', bits: 2048 });
    const answer = await serviceError(
      ops.put(
        DOMAIN,
        upload(
          '-----BEGIN CERTIFICATE----- MIIDhDCCAmwCCQCFs8ixARsyrDANBgkqhkiG9w0BAQsFADCBgzELMAkGA1UEBhMC **** -----END CERTIFICATE-----',
          key,
        ),
      ),
    );
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.fields.ArgumentName).toBe('Certificate');
  });

  it('works with EC keys too', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN], key: { type: 'ec', curve: 'P-256' } });
    expect((await ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem))).status).toBe(200);
  });
});

describe('CAS certificates', () => {
  it('binds a certificate the seed registers for the bucket owner', async () => {
    // `TRUE`: OSS reads Force case-insensitively, which the client's codec never needs to write.
    expect((await ops.putXml(withCertificate(`<CertId>${CAS_ID}</CertId><Force>TRUE</Force>`))).status).toBe(
      200,
    );
    const bound = await certificate();
    expect(bound.type).toBe('CAS');
    expect(bound.certId).toBe(CAS_ID);
    expect(bound.validStartDate.raw).toBe('Wed, 12 Apr 2023 10:14:51 GMT');
    expect(bound.validEndDate.raw).toBe('Mon, 4 May 2048 10:14:51 GMT');
  });

  it.each([
    ['unknown', '9999999-cn-hangzhou'],
    ['another owner’s', CAS_ID_B],
    ['a malformed', '19580016-cas.aliyuncs.com'],
  ])('answers CertificateInvalidCasId for %s id', async (_, certId) => {
    const answer = await serviceError(ops.put(DOMAIN, { certId }));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('CertificateInvalidCasId');
    expect(answer.ec).toBe('0018-00000204');
  });

  it('answers InvalidArgument for an id of 64 bytes or more', async () => {
    const answer = await serviceError(ops.put(DOMAIN, { certId: `${'1'.repeat(52)}-cn-hangzhou` }));
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.ec).toBe('0018-00000206');
  });
});

describe('replacing and removing', () => {
  beforeEach(async () => {
    expect((await ops.put(DOMAIN, { certId: CAS_ID })).status).toBe(200);
  });

  it('refuses to replace a bound certificate without Force or the right PreviousCertId', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const missing = await serviceError(ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem)));
    expect(missing.status).toBe(400);
    expect(missing.code).toBe('InvalidArgument');
    expect(missing.ec).toBe('0018-00000209');
    const wrong = await serviceError(
      ops.put(DOMAIN, { ...upload(cert.chainPem, cert.privateKeyPem), previousCertId: '1-cn-hangzhou' }),
    );
    expect(wrong.ec).toBe('0018-00000209');
    const forceFalse = await serviceError(
      ops.put(DOMAIN, { ...upload(cert.chainPem, cert.privateKeyPem), force: false }),
    );
    expect(forceFalse.ec).toBe('0018-00000209');
    expect((await certificate()).certId).toBe(CAS_ID);
  });

  it('replaces with the current PreviousCertId, children in any order', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    // Hand-written: the codec always writes Certificate first.
    const answer = await ops.putXml(
      withCertificate(
        `<PreviousCertId>${CAS_ID}</PreviousCertId><PrivateKey>${cert.privateKeyPem}</PrivateKey><Certificate>${cert.chainPem}</Certificate>`,
      ),
    );
    expect(answer.status).toBe(200);
    expect((await certificate()).type).toBe('Upload');
  });

  it('replaces with Force=true', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const children = `<Certificate>${cert.chainPem}</Certificate><PrivateKey>${cert.privateKeyPem}</PrivateKey><Force>True</Force>`;
    expect((await ops.putXml(withCertificate(children))).status).toBe(200);
    expect((await certificate()).type).toBe('Upload');
  });

  it('removes the certificate with DeleteCertificate and keeps the domain bound', async () => {
    expect((await ops.put(DOMAIN, { deleteCertificate: true })).status).toBe(200);
    const list = await ops.list();
    expect(list.cnames[0]?.domain).toBe(DOMAIN);
    expect(list.cnames[0]?.certificate).toBeUndefined();
  });

  it('keeps the certificate on a plain re-put', async () => {
    expect((await ops.put(DOMAIN)).status).toBe(200);
    expect((await certificate()).certId).toBe(CAS_ID);
  });
});
