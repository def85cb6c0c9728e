import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { ACCOUNT_A, KEY_A, KEY_B, startEmulator } from './helpers/emulator.ts';
import { cnameOps, send } from './helpers/oss-request.ts';
import { childText, xmlAll, xmlText } from './helpers/xml.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const listBuckets = (query: Array<[string, string]> = [], extra = {}) =>
  send(emulator.url, { method: 'GET', query, credentials: KEY_A, ...extra });

describe('common response headers', () => {
  it('answers like OSS: request id, Date, Server, Content-Length, Connection, server time, Content-Type', async () => {
    const ops = cnameOps(emulator.url, { bucket: 'examplebucket', credentials: KEY_A });
    const answer = await ops.location();
    expect(answer.status).toBe(200);
    expect(answer.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(answer.headers.server).toBe('AliyunOSS');
    expect(Date.parse(answer.headers.date ?? '')).not.toBeNaN();
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
    expect(answer.headers.connection).toBe('keep-alive');
    expect(answer.headers['x-oss-server-time']).toMatch(/^\d+$/);
    expect(answer.headers['content-type']).toBe('application/xml');
    expect(answer.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  });

  it('puts the request id in the error body and the EC in x-oss-ec, with RecommendDoc', async () => {
    const answer = await send(emulator.url, {
      method: 'GET',
      bucket: 'nosuchbucket',
      query: [['cname', '']],
      credentials: KEY_A,
    });
    expect(answer.status).toBe(404);
    expect(answer.code).toBe('NoSuchBucket');
    expect(xmlText(answer.body, 'Error/Message')).toBe('The specified bucket does not exist.');
    expect(xmlText(answer.body, 'Error/RequestId')).toBe(answer.headers['x-oss-request-id']);
    expect(xmlText(answer.body, 'Error/HostId')).toBe('127.0.0.1');
    expect(xmlText(answer.body, 'Error/BucketName')).toBe('nosuchbucket');
    expect(answer.ec).toBe('0015-00000101');
    expect(answer.headers['x-oss-ec']).toBe('0015-00000101');
    expect(xmlText(answer.body, 'Error/RecommendDoc')).toBe(
      'https://api.aliyun.com/troubleshoot?q=0015-00000101',
    );
  });

  it('answers empty 200s with Content-Length 0 and no Content-Type', async () => {
    const ops = cnameOps(emulator.url, { bucket: 'examplebucket', credentials: KEY_A });
    const answer = await ops.remove('not-bound.example.com');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(answer.headers['content-length']).toBe('0');
    expect(answer.headers['content-type']).toBeUndefined();
  });
});

describe('GetBucketLocation and GetBucketInfo', () => {
  it('returns the OSS-flavoured region id', async () => {
    const answer = await cnameOps(emulator.url, {
      bucket: 'beijingbucket',
      credentials: KEY_A,
      region: 'cn-beijing',
    }).location();
    expect(answer.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint>oss-cn-beijing</LocationConstraint>',
    );
  });

  it('returns the full BucketInfo document', async () => {
    const answer = await cnameOps(emulator.url, {
      bucket: 'beijingbucket',
      credentials: KEY_A,
      region: 'cn-beijing',
    }).info();
    expect(answer.status).toBe(200);
    const get = (name: string) => xmlText(answer.body, `BucketInfo/Bucket/${name}`);
    expect(get('Name')).toBe('beijingbucket');
    expect(get('Location')).toBe('oss-cn-beijing');
    expect(get('ExtranetEndpoint')).toBe('oss-cn-beijing.aliyuncs.com');
    expect(get('IntranetEndpoint')).toBe('oss-cn-beijing-internal.aliyuncs.com');
    expect(get('CreationDate')).toBe('2023-05-06T07:08:09.000Z');
    expect(get('StorageClass')).toBe('Standard');
    expect(get('Owner/ID')).toBe(ACCOUNT_A);
    expect(get('Owner/DisplayName')).toBe('account-a');
    expect(get('AccessControlList/Grant')).toBe('private');
    for (const name of [
      'DataRedundancyType',
      'TransferAcceleration',
      'CrossRegionReplication',
      'AccessMonitor',
    ]) {
      expect(get(name)).toBeTruthy();
    }
  });

  it('reaches the bucket virtual-hosted as well as path-style', async () => {
    const ops = cnameOps(emulator.url, { bucket: 'examplebucket', credentials: KEY_A, style: 'virtual' });
    const answer = await ops.info();
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'BucketInfo/Bucket/Name')).toBe('examplebucket');
  });

  it('refuses what it does not implement with InvalidRequest', async () => {
    const answer = await send(emulator.url, {
      method: 'GET',
      bucket: 'examplebucket',
      query: [['acl', '']],
      credentials: KEY_A,
    });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidRequest');
  });
});

describe('ListBuckets', () => {
  it('lists the caller’s buckets in name order with endpoints and regions', async () => {
    const answer = await listBuckets();
    expect(answer.status).toBe(200);
    const names = xmlAll(answer.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['beijingbucket', 'examplebucket', 'otherbucket']);
    const beijing = xmlAll(answer.body, 'ListAllMyBucketsResult/Buckets/Bucket')[0];
    expect(beijing && childText(beijing, 'Location')).toBe('oss-cn-beijing');
    expect(beijing && childText(beijing, 'Region')).toBe('cn-beijing');
    expect(beijing && childText(beijing, 'ExtranetEndpoint')).toBe('oss-cn-beijing.aliyuncs.com');
    expect(xmlText(answer.body, 'ListAllMyBucketsResult/IsTruncated')).toBe('false');
    expect(xmlText(answer.body, 'ListAllMyBucketsResult/Owner/ID')).toBe(ACCOUNT_A);
  });

  it('pages with max-keys and marker, reporting IsTruncated and NextMarker', async () => {
    const first = await listBuckets([['max-keys', '2']]);
    expect(xmlText(first.body, 'ListAllMyBucketsResult/IsTruncated')).toBe('true');
    expect(xmlText(first.body, 'ListAllMyBucketsResult/NextMarker')).toBe('examplebucket');
    expect(xmlText(first.body, 'ListAllMyBucketsResult/MaxKeys')).toBe('2');
    const second = await listBuckets([
      ['marker', 'examplebucket'],
      ['max-keys', '2'],
    ]);
    const names = xmlAll(second.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['otherbucket']);
    expect(xmlText(second.body, 'ListAllMyBucketsResult/IsTruncated')).toBe('false');
    expect(xmlText(second.body, 'ListAllMyBucketsResult/NextMarker')).toBeUndefined();
    expect(xmlText(second.body, 'ListAllMyBucketsResult/Marker')).toBe('examplebucket');
  });

  it('filters by prefix', async () => {
    const answer = await listBuckets([['prefix', 'ex']]);
    const names = xmlAll(answer.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['examplebucket']);
    expect(xmlText(answer.body, 'ListAllMyBucketsResult/Prefix')).toBe('ex');
  });

  it('shows another account only its own buckets', async () => {
    const answer = await listBuckets([], { credentials: KEY_B });
    const names = xmlAll(answer.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['foreignbucket']);
  });

  it('answers on the regional endpoint host too', async () => {
    const answer = await listBuckets([], { host: 'oss-cn-hangzhou.aliyuncs.com' });
    expect(answer.status).toBe(200);
  });

  it('rejects a bad max-keys with InvalidArgument naming it', async () => {
    const answer = await listBuckets([['max-keys', '5000']]);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('max-keys');
    expect(xmlText(answer.body, 'Error/ArgumentValue')).toBe('5000');
  });
});

describe('object requests', () => {
  it('verify the signature over the key, then answer InvalidRequest: objects are not emulated', async () => {
    const call = {
      method: 'GET',
      bucket: 'examplebucket',
      key: 'dir/file name.txt',
      credentials: KEY_A,
    } as const;
    const answer = await send(emulator.url, call);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidRequest');
    const forged = await send(emulator.url, { ...call, credentials: { ...KEY_A, accessKeySecret: 'bad' } });
    expect(forged.code).toBe('SignatureDoesNotMatch');
    expect(xmlText(forged.body, 'Error/CanonicalRequest')).toContain(
      '\n/examplebucket/dir/file%20name.txt\n',
    );
  });
});

describe('request bodies over the limit', () => {
  it('answers EntityTooLarge and keeps serving the connection', async () => {
    const small = await startEmulator({ bodyLimitBytes: 64 });
    try {
      const ops = cnameOps(small.url, { bucket: 'examplebucket', credentials: KEY_A });
      const answer = await ops.createToken(`${'a'.repeat(40)}.example.com`);
      expect(answer.status).toBe(400);
      expect(answer.code).toBe('EntityTooLarge');
      expect((await ops.list()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
