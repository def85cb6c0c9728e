import { afterEach, describe, expect, it } from 'vitest';
import {
  createCnameToken,
  deleteCname,
  getBucketInfo,
  getBucketLocation,
  getCnameToken,
  listBuckets,
  listCname,
  putCname,
} from '../../src/oss/index.ts';
import { fakeOss, runCleanups, SECRET, setup, XML } from './helpers/client-harness.ts';
import { ossErrorXml, sendXml } from './helpers/http-server.ts';
import { verifyV1, verifyV4 } from './helpers/verify.ts';

afterEach(runCleanups);

describe('OssClient end to end (signatures verified by the server)', () => {
  it('runs all eight operations', async () => {
    const { client, server } = await setup(fakeOss);
    const bucket = 'examplebucket';
    const domain = 'example.com';
    await expect(client.invoke(createCnameToken, { bucket, domain })).resolves.toMatchObject({
      token: 'be1d49d863dea9ffeff3df7d64550000',
      domain,
    });
    await expect(client.invoke(getCnameToken, { bucket, domain })).resolves.toMatchObject({ bucket, domain });
    await expect(
      client.invoke(putCname, { bucket, domain, certificate: { certId: '1-cn-hangzhou', force: true } }),
    ).resolves.toEqual({
      status: 200,
      requestId: 'R-WRITE',
    });
    await expect(client.invoke(listCname, { bucket })).resolves.toMatchObject({
      bucket,
      cnames: [{ domain }],
    });
    await expect(client.invoke(deleteCname, { bucket, domain })).resolves.toMatchObject({ status: 200 });
    await expect(client.invoke(getBucketLocation, { bucket })).resolves.toMatchObject({
      location: 'oss-cn-hangzhou',
      region: 'cn-hangzhou',
    });
    await expect(client.invoke(getBucketInfo, { bucket })).resolves.toMatchObject({
      name: bucket,
      ownerId: '27183473914',
      region: 'cn-hangzhou',
    });
    await expect(client.invoke(listBuckets, { maxKeys: 2 })).resolves.toMatchObject({
      isTruncated: true,
      nextMarker: 'b2',
    });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /examplebucket/?cname=&comp=token',
      'GET /examplebucket/?comp=token&cname=example.com',
      'POST /examplebucket/?cname=&comp=add',
      'GET /examplebucket/?cname=',
      'POST /examplebucket/?cname=&comp=delete',
      'GET /examplebucket/?location=',
      'GET /examplebucket/?bucketInfo=',
      'GET /?max-keys=2',
    ]);
    expect(server.requests.map((r) => r.headers['content-type'])).toEqual([
      ...Array(5).fill('application/xml'),
      ...Array(3).fill('application/octet-stream'),
    ]);
    expect(
      server.requests
        .filter((r) => r.method === 'GET')
        .every((r) => r.headers['content-length'] === undefined),
    ).toBe(true);
  });

  it('pages ListBuckets with marker / nextMarker (V4 canonical URI "/")', async () => {
    const { client } = await setup(fakeOss);
    const first = await client.invoke(listBuckets, { maxKeys: 2, prefix: '' });
    expect(first.buckets.map((b) => b.name)).toEqual(['b1', 'b2']);
    expect(first.buckets[0]).toMatchObject({
      region: 'cn-shanghai',
      location: 'oss-cn-shanghai',
      extranetEndpoint: 'oss-cn-shanghai.aliyuncs.com',
    });
    const second = await client.invoke(listBuckets, { marker: first.nextMarker });
    expect(second).toMatchObject({ isTruncated: false, nextMarker: undefined, ownerId: '512' });
    expect(second.buckets.map((b) => b.name)).toEqual(['b3']);
  });

  it('signs with the per-call region (the bucket region the service learned)', async () => {
    const { client, server } = await setup(fakeOss);
    await client.invoke(listCname, { bucket: 'examplebucket' }, { region: 'oss-cn-shanghai' });
    expect(verifyV4(server.requests[0] ?? ({} as never), SECRET).region).toBe('cn-shanghai');
    expect(server.requests[0]?.headers.authorization).toContain('/cn-shanghai/oss/aliyun_v4_request');
  });

  it('V1 signing with an STS token sends x-oss-security-token and signs it', async () => {
    const token = `${XML}<CnameToken><Bucket>examplebucket</Bucket><Cname>example.com</Cname><Token>t</Token></CnameToken>`;
    const { client, server } = await setup(
      (req, res) =>
        sendXml(
          res,
          verifyV1(req, SECRET) ? 200 : 403,
          verifyV1(req, SECRET) ? token : ossErrorXml('SignatureDoesNotMatch', 'v1'),
        ),
      {
        signatureVersion: 'v1',
        credentials: { accessKeyId: 'STS.ak', accessKeySecret: SECRET, securityToken: 'sts-token' },
      },
    );
    await expect(
      client.invoke(getCnameToken, { bucket: 'examplebucket', domain: 'example.com' }),
    ).resolves.toMatchObject({ token: 't' });
    const req = server.requests[0];
    expect(req?.headers['x-oss-security-token']).toBe('sts-token');
    expect(req?.headers.authorization?.startsWith('OSS STS.ak:')).toBe(true);
    expect(req?.headers['x-oss-date']).toBeUndefined();
  });

  it('sends the user-agent suffix', async () => {
    const { client, server } = await setup(fakeOss, { userAgentSuffix: 'cname-service/1.2' });
    await client.invoke(listCname, { bucket: 'examplebucket' });
    expect(server.requests[0]?.headers['user-agent']).toMatch(
      /^oss-cname-client\/\S+ \(.+\)\/cname-service\/1\.2$/,
    );
  });
});
