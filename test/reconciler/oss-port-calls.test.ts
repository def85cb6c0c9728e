// The OSS calls one managed-domain bind costs (issue 17's bench row: calls per bind vs the minimal
// direct sequence). A plain bind is ListCname (so a pass repeated after a crash sends no second
// PutCname) and PutCname; only an attached certificate is read back, for the id OSS gave it.
import { describe, expect, it } from 'vitest';
import { createOssPort } from '../../src/reconciler/index.ts';
import { OssAccess } from '../../src/services/oss-access/index.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { FakeOss } from '../helpers/fake-oss.ts';

const DOMAIN = 'www.example.com';

/** A port whose bucket region is already known, and the OSS operations it sends from now on. */
async function port() {
  const oss = new FakeOss().addBucket('examplebucket', 'cn-hangzhou');
  const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
  await access.bucket('examplebucket').region();
  const seen = oss.calls.length;
  return { oss, port: createOssPort(access), sent: () => oss.operations().slice(seen) };
}

describe('OssPort.putCname', () => {
  it('binds a new domain with ListCname and PutCname, answering no certificate', async () => {
    const { oss, port: p, sent } = await port();
    await expect(p.putCname('examplebucket', DOMAIN)).resolves.toBeNull();
    expect(sent()).toEqual(['ListCname', 'PutCname']);
    expect(oss.bindings.get('examplebucket')?.map((b) => [b.domain, b.certificate])).toEqual([
      [DOMAIN, undefined],
    ]);
  });

  it('sends no PutCname when the binding is already made (a pass repeated after a crash)', async () => {
    const { port: p, sent } = await port();
    await p.putCname('examplebucket', DOMAIN);
    const before = sent().length;
    await expect(p.putCname('examplebucket', DOMAIN)).resolves.toBeNull();
    expect(sent().slice(before)).toEqual(['ListCname']);
  });

  it('reads an attached certificate back for the id OSS gave it', async () => {
    const { port: p, sent } = await port();
    const cert = await makeCertificate({ sans: [DOMAIN] });
    const bound = await p.putCname('examplebucket', DOMAIN, {
      certificatePem: cert.chainPem,
      privateKeyPem: cert.privateKeyPem,
    });
    expect(bound).toEqual({
      certId: expect.stringMatching(/-cn-hangzhou$/),
      fingerprint: expect.any(String),
    });
    expect(sent()).toEqual(['ListCname', 'PutCname', 'ListCname']);
  });
});
