import { afterEach, describe, expect, it } from 'vitest';
import { OssClient, type OssClientOptions } from '../../src/oss/client.ts';
import { OssResponseParseError, OssServiceError, OssValidationError } from '../../src/oss/errors.ts';
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
import { parseQuery } from '../../src/oss/signer/index.ts';
import type { OssAttemptEvent } from '../../src/oss/types.ts';
import { type Handler, ossErrorXml, sendXml, startServer } from './helpers/http-server.ts';
import { verifyV1, verifyV4 } from './helpers/verify.ts';

const SECRET = 'test-secret';
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(handler: Handler, options: Partial<OssClientOptions> = {}) {
  const server = await startServer(handler);
  const events: OssAttemptEvent[] = [];
  const client = new OssClient({
    region: 'cn-hangzhou',
    endpoint: server.origin,
    credentials: { accessKeyId: 'ak', accessKeySecret: SECRET },
    observer: { onAttempt: (e) => events.push(e) },
    retry: { sleep: async () => {} },
    ...options,
  });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { server, client, events };
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(parseQuery(url.split('?')[1] ?? ''));
}

/** A small OSS stand-in: verifies every V4 signature and answers each operation with sample XML. */
const fakeOss: Handler = (req, res) => {
  const check = verifyV4(req, SECRET);
  if (!check.ok) return sendXml(res, 403, ossErrorXml('SignatureDoesNotMatch', 'bad signature'));
  const q = query(req.url);
  if (check.bucket === undefined) {
    const page = q.marker === 'b2' ? 2 : 1;
    const bucket = (name: string) =>
      `<Bucket><CreationDate>2014-02-17T18:12:43.000Z</CreationDate><ExtranetEndpoint>oss-cn-shanghai.aliyuncs.com</ExtranetEndpoint><IntranetEndpoint>oss-cn-shanghai-internal.aliyuncs.com</IntranetEndpoint><Location>oss-cn-shanghai</Location><Name>${name}</Name><Region>cn-shanghai</Region><StorageClass>Standard</StorageClass></Bucket>`;
    const body =
      page === 1
        ? `<ListAllMyBucketsResult><Prefix></Prefix><Marker></Marker><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>b2</NextMarker><Owner><ID>512</ID><DisplayName>512</DisplayName></Owner><Buckets>${bucket('b1')}${bucket('b2')}</Buckets></ListAllMyBucketsResult>`
        : `<ListAllMyBucketsResult><IsTruncated>false</IsTruncated><Owner><ID>512</ID></Owner><Buckets>${bucket('b3')}</Buckets></ListAllMyBucketsResult>`;
    return sendXml(res, 200, XML + body);
  }
  if ('location' in q)
    return sendXml(res, 200, `${XML}<LocationConstraint>oss-cn-hangzhou</LocationConstraint>`);
  if ('bucketInfo' in q) {
    return sendXml(
      res,
      200,
      `${XML}<BucketInfo><Bucket><Name>${check.bucket}</Name><Location>oss-cn-hangzhou</Location><ExtranetEndpoint>oss-cn-hangzhou.aliyuncs.com</ExtranetEndpoint><IntranetEndpoint>oss-cn-hangzhou-internal.aliyuncs.com</IntranetEndpoint><CreationDate>2013-07-31T10:56:21.000Z</CreationDate><Owner><ID>27183473914</ID><DisplayName>owner</DisplayName></Owner></Bucket></BucketInfo>`,
    );
  }
  if (q.comp === 'token') {
    const domain = q.cname || /<Domain>([^<]*)<\/Domain>/.exec(req.body.toString())?.[1];
    return sendXml(
      res,
      200,
      `${XML}<CnameToken><Bucket>${check.bucket}</Bucket><Cname>${domain}</Cname><Token>be1d49d863dea9ffeff3df7d64550000</Token><ExpireTime>Wed, 23 Feb 2022 21:16:37 GMT</ExpireTime></CnameToken>`,
    );
  }
  if (q.comp === 'add' || q.comp === 'delete') {
    res.writeHead(200, { 'x-oss-request-id': 'R-WRITE' });
    return res.end();
  }
  if ('cname' in q) {
    return sendXml(
      res,
      200,
      `${XML}<ListCnameResult><Bucket>${check.bucket}</Bucket><Owner>1</Owner><Cname><Domain>example.com</Domain><LastModified>2021-09-15T02:35:07.000Z</LastModified><Status>Enabled</Status></Cname></ListCnameResult>`,
    );
  }
  return sendXml(res, 400, ossErrorXml('InvalidArgument', 'unknown request'));
};

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

describe('NoSuchCname handling (protocol 2.5 / 2.6)', () => {
  const noSuchCname: Handler = (_req, res) =>
    sendXml(
      res,
      404,
      ossErrorXml('NoSuchCname', 'The specified cname does not exist.', { Bucket: 'examplebucket' }),
      {
        'x-oss-request-id': 'R404',
      },
    );

  it('ListCname: 404 NoSuchCname is an empty list', async () => {
    const { client, events } = await setup(noSuchCname);
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).resolves.toEqual({
      status: 404,
      requestId: '5C1B138A109F4E405B2D0001', // the body's RequestId wins over the header
      bucket: 'examplebucket',
      owner: '',
      cnames: [],
    });
    expect(events).toEqual([expect.objectContaining({ status: 404, code: undefined, willRetry: false })]);
  });

  it('DeleteCname: 404 NoSuchCname is success', async () => {
    const { client } = await setup(noSuchCname);
    await expect(
      client.invoke(deleteCname, { bucket: 'examplebucket', domain: 'example.com' }),
    ).resolves.toEqual({
      status: 404,
      requestId: '5C1B138A109F4E405B2D0001',
    });
  });

  it('other 404s still fail', async () => {
    const { client } = await setup((_req, res) =>
      sendXml(
        res,
        404,
        ossErrorXml('NoSuchBucket', 'The specified bucket does not exist.', { EC: '0015-00000101' }),
      ),
    );
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).rejects.toMatchObject({
      code: 'NoSuchBucket',
      ec: '0015-00000101',
    });
    await expect(
      client.invoke(putCname, { bucket: 'examplebucket', domain: 'example.com' }),
    ).rejects.toBeInstanceOf(OssServiceError);
  });
});

describe('client-side validation and robustness', () => {
  it.each([
    ['bad bucket', (c: OssClient) => c.invoke(listCname, { bucket: 'Bad_Bucket' }), 'bucket'],
    [
      'empty domain',
      (c: OssClient) => c.invoke(putCname, { bucket: 'examplebucket', domain: ' ' }),
      'domain',
    ],
    [
      'bad region',
      (c: OssClient) => c.invoke(listCname, { bucket: 'examplebucket' }, { region: 'cn hangzhou' }),
      'region',
    ],
    ['bad maxKeys', (c: OssClient) => c.invoke(listBuckets, { maxKeys: 0 }), 'maxKeys'],
  ])('%s is refused before anything is sent', async (_name, call, field) => {
    const { client, server, events } = await setup(fakeOss);
    const err = await Promise.resolve()
      .then(() => call(client))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssValidationError);
    expect((err as OssValidationError).field).toBe(field);
    expect(server.requests).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('a 2xx body that is not the expected XML is a parse error, not retried', async () => {
    const { client, server } = await setup((_req, res) => sendXml(res, 200, '<html>oops</html>'));
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssResponseParseError);
    expect(err).toMatchObject({ code: 'UnexpectedXmlRoot', operation: 'ListCname' });
    expect(server.requests).toHaveLength(1);
  });

  it('an observer that throws does not break calls', async () => {
    const { client } = await setup(fakeOss, {
      observer: {
        onAttempt: () => {
          throw new Error('metrics down');
        },
      },
    });
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).resolves.toMatchObject({
      status: 200,
    });
  });

  it('constructor rejects a bad region or endpoint', () => {
    const credentials = { accessKeyId: 'a', accessKeySecret: 'b' };
    expect(() => new OssClient({ region: 'CN', credentials })).toThrow(OssValidationError);
    expect(() => new OssClient({ region: 'cn-hangzhou', endpoint: 'ftp://x', credentials })).toThrow(
      OssValidationError,
    );
  });
});
