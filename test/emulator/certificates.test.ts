// Certificates on bound domains: uploads read with X509Certificate (fingerprint, validity, key match),
// CAS ids from the seed's registry, and the PreviousCertId / Force / DeleteCertificate rules.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { makeCertificate, makeKey, opensslSha1Fingerprint } from '../helpers/certs.ts';
import { CAS_ID, CAS_ID_B, KEY_A, startEmulator } from './helpers/emulator.ts';
import { bind } from './helpers/lifecycle.ts';
import { type CnameOps, cnameOps } from './helpers/oss-request.ts';
import { xmlText } from './helpers/xml.ts';

let emulator: Emulator;
let ops: CnameOps;
const DOMAIN = 'secure.example.com';

beforeAll(async () => {
  emulator = await startEmulator();
  ops = cnameOps(emulator.url, { bucket: 'examplebucket', credentials: KEY_A });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
  await bind(emulator, ops, DOMAIN);
});

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const upload = (cert: string, key: string, extra = '') =>
  `<Certificate>${escapeXml(cert)}</Certificate><PrivateKey>${escapeXml(key)}</PrivateKey>${extra}`;
const certificateOf = async (field: string) =>
  xmlText((await ops.list()).body, `ListCnameResult/Cname/Certificate/${field}`);

describe('uploaded certificates', () => {
  it('records the real SHA-1 fingerprint and the validity from the certificate', async () => {
    const cert = await makeCertificate({
      sans: [DOMAIN],
      notBefore: new Date('2024-03-04T05:06:07Z'),
      notAfter: new Date('2048-05-04T10:14:51Z'),
    });
    const answer = await ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem, '<Force>true</Force>'));
    expect(answer.status, answer.body).toBe(200);
    expect(await certificateOf('Type')).toBe('Upload');
    expect(await certificateOf('Status')).toBe('Enabled');
    expect(await certificateOf('Fingerprint')).toBe(await opensslSha1Fingerprint(cert.certificatePem));
    expect(await certificateOf('Fingerprint')).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(await certificateOf('ValidStartDate')).toBe('Mon, 4 Mar 2024 05:06:07 GMT');
    expect(await certificateOf('ValidEndDate')).toBe('Mon, 4 May 2048 10:14:51 GMT');
    expect(await certificateOf('CreationDate')).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(await certificateOf('CertId')).toMatch(/^\d+-cn-hangzhou$/);
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const stranger = await makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' });
    const answer = await ops.put(DOMAIN, upload(cert.certificatePem, stranger));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(xmlText(answer.body, 'Error/Message')).toBe('The private key does not match the certificate.');
    expect(answer.body).not.toContain('PRIVATE KEY');
  });

  it('refuses a certificate without its key and a key without its certificate', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const noKey = await ops.put(DOMAIN, `<Certificate>${cert.certificatePem}</Certificate>`);
    expect(noKey.code).toBe('InvalidArgument');
    expect(noKey.ec).toBe('0018-00000210');
    const noCert = await ops.put(DOMAIN, `<PrivateKey>${cert.privateKeyPem}</PrivateKey>`);
    expect(noCert.ec).toBe('0018-00000210');
  });

  it('refuses something that is not a PEM certificate', async () => {
    const key = await makeKey({ type: 'rsa', bits: 2048 });
    const answer = await ops.put(
      DOMAIN,
      upload(
        '-----BEGIN CERTIFICATE----- MIIDhDCCAmwCCQCFs8ixARsyrDANBgkqhkiG9w0BAQsFADCBgzELMAkGA1UEBhMC **** -----END CERTIFICATE-----',
        key,
      ),
    );
    expect(answer.code).toBe('InvalidArgument');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('Certificate');
  });

  it('works with EC keys too', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN], key: { type: 'ec', curve: 'P-256' } });
    expect((await ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem))).status).toBe(200);
  });
});

describe('CAS certificates', () => {
  it('binds a certificate the seed registers for the bucket owner', async () => {
    expect((await ops.put(DOMAIN, `<CertId>${CAS_ID}</CertId><Force>TRUE</Force>`)).status).toBe(200);
    expect(await certificateOf('Type')).toBe('CAS');
    expect(await certificateOf('CertId')).toBe(CAS_ID);
    expect(await certificateOf('ValidStartDate')).toBe('Wed, 12 Apr 2023 10:14:51 GMT');
    expect(await certificateOf('ValidEndDate')).toBe('Mon, 4 May 2048 10:14:51 GMT');
  });

  it.each([
    ['unknown', '9999999-cn-hangzhou'],
    ['another owner’s', CAS_ID_B],
    ['a malformed', '19580016-cas.aliyuncs.com'],
  ])('answers CertificateInvalidCasId for %s id', async (_, certId) => {
    const answer = await ops.put(DOMAIN, `<CertId>${certId}</CertId>`);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('CertificateInvalidCasId');
    expect(answer.ec).toBe('0018-00000204');
  });

  it('answers InvalidArgument for an id of 64 bytes or more', async () => {
    const answer = await ops.put(DOMAIN, `<CertId>${'1'.repeat(52)}-cn-hangzhou</CertId>`);
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.ec).toBe('0018-00000206');
  });
});

describe('replacing and removing', () => {
  beforeEach(async () => {
    expect((await ops.put(DOMAIN, `<CertId>${CAS_ID}</CertId>`)).status).toBe(200);
  });

  it('refuses to replace a bound certificate without Force or the right PreviousCertId', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const missing = await ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem));
    expect(missing.status).toBe(400);
    expect(missing.code).toBe('InvalidArgument');
    expect(missing.ec).toBe('0018-00000209');
    const wrong = await ops.put(
      DOMAIN,
      upload(cert.chainPem, cert.privateKeyPem, '<PreviousCertId>1-cn-hangzhou</PreviousCertId>'),
    );
    expect(wrong.ec).toBe('0018-00000209');
    const forceFalse = await ops.put(
      DOMAIN,
      upload(cert.chainPem, cert.privateKeyPem, '<Force>false</Force>'),
    );
    expect(forceFalse.ec).toBe('0018-00000209');
    expect(await certificateOf('CertId')).toBe(CAS_ID);
  });

  it('replaces with the current PreviousCertId, children in any order', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const answer = await ops.put(
      DOMAIN,
      `<PreviousCertId>${CAS_ID}</PreviousCertId><PrivateKey>${cert.privateKeyPem}</PrivateKey><Certificate>${cert.chainPem}</Certificate>`,
    );
    expect(answer.status, answer.body).toBe(200);
    expect(await certificateOf('Type')).toBe('Upload');
  });

  it('replaces with Force=true', async () => {
    const cert = await makeCertificate({ sans: [DOMAIN] });
    expect(
      (await ops.put(DOMAIN, upload(cert.chainPem, cert.privateKeyPem, '<Force>True</Force>'))).status,
    ).toBe(200);
    expect(await certificateOf('Type')).toBe('Upload');
  });

  it('removes the certificate with DeleteCertificate and keeps the domain bound', async () => {
    expect((await ops.put(DOMAIN, '<DeleteCertificate>true</DeleteCertificate>')).status).toBe(200);
    const list = await ops.list();
    expect(xmlText(list.body, 'ListCnameResult/Cname/Domain')).toBe(DOMAIN);
    expect(xmlText(list.body, 'ListCnameResult/Cname/Certificate')).toBeUndefined();
  });

  it('keeps the certificate on a plain re-put', async () => {
    expect((await ops.put(DOMAIN)).status).toBe(200);
    expect(await certificateOf('CertId')).toBe(CAS_ID);
  });
});
