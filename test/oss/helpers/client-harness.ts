// A real OssClient against a local server, and a small OSS stand-in that checks every V4 signature, for
// the client*.test.ts files. Call runCleanups in afterEach.
import { OssClient, type OssClientOptions } from '../../../src/oss/client.ts';
import { parseQuery } from '../../../src/oss/signer/index.ts';
import type { OssAttemptEvent } from '../../../src/oss/types.ts';
import { type Handler, ossErrorXml, sendXml, startServer } from './http-server.ts';
import { verifyV4 } from './verify.ts';

export const SECRET = 'test-secret';
export const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

const cleanups: Array<() => Promise<void>> = [];

export async function runCleanups(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn();
}

export async function setup(handler: Handler, options: Partial<OssClientOptions> = {}) {
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
export const fakeOss: Handler = (req, res) => {
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
