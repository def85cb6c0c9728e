// The project's OSS client (src/oss) against the emulator over real HTTP: every operation, every error
// the emulator can produce as the client surfaces it (faults and retries: oss-client-resilience.test.ts).

import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import {
  createCnameToken,
  deleteCname,
  getBucketInfo,
  getBucketLocation,
  getCnameToken,
  listBuckets,
  listCname,
  type OssClient,
  OssServiceError,
  putCname,
} from '../../src/oss/index.ts';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { CAS_ID, CAS_ID_B, KEY_A, KEY_B, RESTRICTED_KEY, STS_KEY } from './helpers/emulator.ts';
import { emulatorClients } from './helpers/emulator-clients.ts';

const clients = emulatorClients();
const { client } = clients;
let emulator: Emulator;
beforeAll(() => {
  emulator = clients.emulator();
});

async function serviceError(call: Promise<unknown>): Promise<OssServiceError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof OssServiceError) return error;
    throw error;
  }
  throw new Error('expected an OssServiceError');
}

const bucket = 'examplebucket';

async function bindWithClient(c: OssClient, domain: string, b = bucket): Promise<void> {
  const { token } = await c.invoke(createCnameToken, { bucket: b, domain });
  await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
  await c.invoke(putCname, { bucket: b, domain });
}

describe.each(['v4', 'v1'] as const)('OssClient (%s) through the CNAME lifecycle', (signatureVersion) => {
  it('creates and reads tokens, binds, lists, attaches and removes a certificate, and unbinds', async () => {
    const c = client(KEY_A, { signatureVersion });
    const created = await c.invoke(createCnameToken, { bucket, domain: 'static.example.com' });
    expect(created).toMatchObject({ status: 200, bucket, domain: 'static.example.com' });
    expect(created.token).toMatch(/^[0-9a-f]{32}$/);
    expect(created.requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(created.expireTime.iso).toBeDefined();
    expect((await c.invoke(getCnameToken, { bucket, domain: 'static.example.com' })).token).toBe(
      created.token,
    );

    const unverified = await serviceError(c.invoke(putCname, { bucket, domain: 'static.example.com' }));
    expect(unverified).toMatchObject({ code: 'NeedVerifyDomainOwnership', status: 403, ec: '0018-00000115' });
    await emulator.setDnsRecord('_dnsauth.static.example.com', { type: 'TXT', values: [created.token] });
    expect((await c.invoke(putCname, { bucket, domain: 'static.example.com' })).status).toBe(200);

    const cert = await makeCertificate({ sans: ['static.example.com'] });
    await c.invoke(putCname, {
      bucket,
      domain: 'static.example.com',
      certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem, force: true },
    });
    const listed = await c.invoke(listCname, { bucket });
    expect(listed.owner).toBe('1000000000000001');
    expect(listed.cnames).toHaveLength(1);
    expect(listed.cnames[0]?.certificate).toMatchObject({
      type: 'Upload',
      status: 'Enabled',
      fingerprint: await opensslSha1Fingerprint(cert.certificatePem),
    });
    expect(listed.cnames[0]?.certificate?.validEndDate.iso).toBe(
      cert.notAfter.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    );

    await c.invoke(putCname, {
      bucket,
      domain: 'static.example.com',
      certificate: { certId: CAS_ID, force: true },
    });
    expect((await c.invoke(listCname, { bucket })).cnames[0]?.certificate?.certId).toBe(CAS_ID);
    await c.invoke(putCname, {
      bucket,
      domain: 'static.example.com',
      certificate: { deleteCertificate: true },
    });
    expect((await c.invoke(listCname, { bucket })).cnames[0]?.certificate).toBeUndefined();

    expect((await c.invoke(deleteCname, { bucket, domain: 'static.example.com' })).status).toBe(200);
    expect((await c.invoke(listCname, { bucket })).cnames).toEqual([]);
  });

  it('reads the bucket location, info and list', async () => {
    const c = client(KEY_A, { signatureVersion });
    expect(await c.invoke(getBucketLocation, { bucket: 'beijingbucket' })).toMatchObject({
      location: 'oss-cn-beijing',
      region: 'cn-beijing',
    });
    const info = await c.invoke(getBucketInfo, { bucket: 'beijingbucket' }, { region: 'cn-beijing' });
    expect(info).toMatchObject({
      name: 'beijingbucket',
      region: 'cn-beijing',
      extranetEndpoint: 'oss-cn-beijing.aliyuncs.com',
      intranetEndpoint: 'oss-cn-beijing-internal.aliyuncs.com',
      ownerId: '1000000000000001',
    });
    const page = await c.invoke(listBuckets, { maxKeys: 2 });
    expect(page.buckets.map((b) => b.name)).toEqual(['beijingbucket', 'examplebucket']);
    expect(page.isTruncated).toBe(true);
    const rest = await c.invoke(listBuckets, { maxKeys: 2, marker: page.nextMarker });
    expect(rest.buckets.map((b) => b.name)).toEqual(['otherbucket']);
  });
});

describe('OssClient sees every emulated error', () => {
  const cases: Array<[string, () => Promise<unknown>, Record<string, unknown>, Record<string, string>?]> = [
    [
      'NoSuchBucket',
      () => client().invoke(listCname, { bucket: 'nosuchbucket' }),
      { status: 404, ec: '0015-00000101' },
      { BucketName: 'nosuchbucket' },
    ],
    [
      'InvalidAccessKeyId',
      () => client({ accessKeyId: 'LTAInobody', accessKeySecret: 'x' }).invoke(listCname, { bucket }),
      { status: 403, ec: '0002-00000902' },
    ],
    [
      'SignatureDoesNotMatch',
      () => client({ ...KEY_A, accessKeySecret: 'bad' }).invoke(listCname, { bucket }),
      { status: 403, ec: '0002-00000201' },
    ],
    [
      'InvalidSecurityToken',
      () => client({ ...STS_KEY, securityToken: 'forged' }).invoke(listCname, { bucket }),
      { status: 403, ec: '0002-00000008' },
    ],
    ['AccessDenied', () => client().invoke(listCname, { bucket: 'foreignbucket' }), { status: 403 }],
    [
      'AccessDenied',
      () => client(RESTRICTED_KEY).invoke(putCname, { bucket, domain: 'x.example.com' }),
      { status: 403 },
    ],
    [
      'CnameTokenNotFound',
      () => client().invoke(getCnameToken, { bucket, domain: 'none.example.com' }),
      { status: 404, ec: '0018-00000301' },
      { Bucket: bucket, Cname: 'none.example.com' },
    ],
    [
      'CnameIsForbidden',
      () => client().invoke(createCnameToken, { bucket, domain: 'cdn.aliyuncs.com' }),
      { status: 403 },
    ],
    ['InvalidArgument', () => client().invoke(putCname, { bucket, domain: 'w.c' }), { status: 400 }],
  ];

  it.each(cases)('%s', async (code, call, expected, fields) => {
    const error = await serviceError(call());
    expect(error.code).toBe(code);
    expect(error).toMatchObject(expected);
    expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
    if (fields) expect(error.fields).toMatchObject(fields);
  });

  it('wrong region: AccessDenied with the bucket’s Endpoint, which the client can follow', async () => {
    const c = client();
    const error = await serviceError(c.invoke(getBucketInfo, { bucket: 'beijingbucket' }));
    expect(error.code).toBe('AccessDenied');
    expect(error.fields.Endpoint).toBe('oss-cn-beijing.aliyuncs.com');
    expect((await c.invoke(getBucketInfo, { bucket: 'beijingbucket' }, { region: 'cn-beijing' })).name).toBe(
      'beijingbucket',
    );
  });

  it('binding conflicts: NoNeedCreateCnameToken, CnameAlreadyExists (CNAME_OSS), CnameDenied', async () => {
    const c = client();
    await bindWithClient(c, 'taken.example.com');
    expect(
      (await serviceError(c.invoke(createCnameToken, { bucket, domain: 'taken.example.com' }))).code,
    ).toBe('NoNeedCreateCnameToken');
    const { token } = await c.invoke(createCnameToken, {
      bucket: 'otherbucket',
      domain: 'taken.example.com',
    });
    await emulator.setDnsRecord('_dnsauth.taken.example.com', { type: 'TXT', values: [token] });
    const exists = await serviceError(
      c.invoke(putCname, { bucket: 'otherbucket', domain: 'taken.example.com' }),
    );
    expect(exists).toMatchObject({ code: 'CnameAlreadyExists', status: 409 });
    expect(exists.fields.CnameType).toBe('CNAME_OSS');
    const foreign = client(KEY_B);
    const denied = await serviceError(
      foreign.invoke(putCname, { bucket: 'foreignbucket', domain: 'taken.example.com' }),
    );
    expect(denied).toMatchObject({ code: 'CnameDenied', status: 403 });
  });

  it('certificate errors on a bound domain: MalformedXML, CertificateInvalidCasId, PreviousCertId', async () => {
    const c = client();
    await bindWithClient(c, 'm.example.com');
    const malformed = await serviceError(
      c.invoke(putCname, {
        bucket,
        domain: 'm.example.com',
        certificate: { deleteCertificate: true, force: true },
      }),
    );
    expect(malformed).toMatchObject({ code: 'MalformedXML', status: 400 });
    const foreignCas = await serviceError(
      c.invoke(putCname, { bucket, domain: 'm.example.com', certificate: { certId: CAS_ID_B } }),
    );
    expect(foreignCas).toMatchObject({ code: 'CertificateInvalidCasId', status: 400, ec: '0018-00000204' });
    await c.invoke(putCname, { bucket, domain: 'm.example.com', certificate: { certId: CAS_ID } });
    const cert = await makeCertificate({ sans: ['m.example.com'] });
    const unforced = await serviceError(
      c.invoke(putCname, {
        bucket,
        domain: 'm.example.com',
        certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem },
      }),
    );
    expect(unforced).toMatchObject({ code: 'InvalidArgument', ec: '0018-00000209' });
    await c.invoke(putCname, {
      bucket,
      domain: 'm.example.com',
      certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem, previousCertId: CAS_ID },
    });
    expect((await c.invoke(listCname, { bucket })).cnames[0]?.certificate?.type).toBe('Upload');
  });
});
