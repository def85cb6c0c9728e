// The one choke point every PutCname passes: nothing OSS rejects (DeleteCertificate with Force), and no
// certificate change without PreviousCertId or Force, whatever plan produced the flags.
import { describe, expect, it } from 'vitest';
import type { CertificateConfigurationInput } from '../../../src/oss/types.ts';
import { planPut } from '../../../src/services/bindings/put-plan.ts';
import { OssAccess } from '../../../src/services/oss-access/index.ts';
import {
  putCnameInput,
  UnsafeCertificateFlagsError,
} from '../../../src/services/oss-access/put-cname-input.ts';
import { binding } from '../../helpers/cname-info.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';

describe('putCnameInput', () => {
  it.each<[string, CertificateConfigurationInput | undefined]>([
    ['a bind without certificate', undefined],
    ['a first certificate with Force', { certId: '1-cn-hangzhou', force: true }],
    ['a change naming the bound certificate', { certId: '2-cn-hangzhou', previousCertId: '1-cn-hangzhou' }],
    ['an upload with its key and Force', { certificate: 'PEM', privateKey: 'KEY', force: true }],
    ['a certificate removal', { deleteCertificate: true }],
  ])('lets %s through', (_name, certificate) => {
    expect(putCnameInput('b', 'www.example.com', certificate)).toEqual(
      certificate === undefined
        ? { bucket: 'b', domain: 'www.example.com' }
        : { bucket: 'b', domain: 'www.example.com', certificate },
    );
  });

  it.each<[string, CertificateConfigurationInput]>([
    ['DeleteCertificate with Force=true', { deleteCertificate: true, force: true }],
    ['DeleteCertificate with Force=false', { deleteCertificate: true, force: false }],
    ['DeleteCertificate beside a certificate', { deleteCertificate: true, certId: '1-cn-hangzhou' }],
    ['DeleteCertificate=false', { deleteCertificate: false }],
    ['a certificate change without PreviousCertId or Force', { certId: '2-cn-hangzhou' }],
    ['an empty PreviousCertId', { certId: '2-cn-hangzhou', previousCertId: '' }],
    [
      'Force=false as the only guard',
      { certId: '2-cn-hangzhou', previousCertId: '1-cn-hangzhou', force: false },
    ],
    ['an upload without its key', { certificate: 'PEM', force: true }],
    ['a key without certificate', { privateKey: 'KEY', force: true }],
    [
      'CertId and an upload together',
      { certId: '1-cn-hangzhou', certificate: 'PEM', privateKey: 'KEY', force: true },
    ],
    ['flags without a certificate', { force: true }],
  ])('refuses %s', (_name, certificate) => {
    expect(() => putCnameInput('b', 'www.example.com', certificate)).toThrow(UnsafeCertificateFlagsError);
  });

  it('passes every plan planPut makes', () => {
    const cas = { kind: 'cas' as const, certId: '2-cn-hangzhou', warnings: [] };
    for (const current of [
      undefined,
      binding('www.example.com'),
      binding('www.example.com', { certId: '1-cn-hangzhou' }),
    ]) {
      for (const certificate of [undefined, cas]) {
        for (const force of [false, true]) {
          const plan = planPut(current, { certificate, force });
          if (plan.call) expect(() => putCnameInput('b', 'www.example.com', plan.certificate)).not.toThrow();
        }
      }
    }
  });
});

describe('BucketOss.bind', () => {
  it('never reaches OSS with unsafe flags', async () => {
    const oss = new FakeOss().addBucket('b', 'cn-hangzhou');
    const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
    access.learnRegion('b', 'cn-hangzhou');
    const bucket = access.bucket('b');
    await expect(bucket.bind('www.example.com', { deleteCertificate: true, force: true })).rejects.toThrow(
      /DeleteCertificate never travels with Force/,
    );
    await expect(bucket.bind('www.example.com', { certId: '2-cn-hangzhou' })).rejects.toThrow(
      /PreviousCertId or Force/,
    );
    expect(oss.operations()).toEqual([]);
    await bucket.bind('www.example.com', { deleteCertificate: true });
    expect(oss.calls).toEqual([
      {
        operation: 'PutCname',
        input: { bucket: 'b', domain: 'www.example.com', certificate: { deleteCertificate: true } },
        region: 'cn-hangzhou',
      },
    ]);
  });
});
