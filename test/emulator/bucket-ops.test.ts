import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import {
  deleteCname,
  getBucketInfo,
  getBucketLocation,
  listBuckets,
  listCname,
  type OperationSpec,
} from '../../src/oss/index.ts';
import { ACCOUNT_A, KEY_A, KEY_B, startEmulator } from './helpers/emulator.ts';
import { closeOssClients, emulatorBucket, emulatorOss, serviceError } from './helpers/oss.ts';
import { sendWire } from './helpers/raw-http.ts';
import { built, type SignOptions, signedV4 } from './helpers/signed.ts';
import { childText, xmlAll, xmlText } from './helpers/xml.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await closeOssClients();
  await emulator.close();
});

// Raw where a test reads the response bytes and headers the typed client hides or fills in.
const raw = <I, O>(op: OperationSpec<I, O>, input: I, opts: Partial<SignOptions> = {}) =>
  sendWire(emulator.url, built(emulator.url, op, input, { credentials: KEY_A, ...opts }));
const client = () => emulatorOss(emulator.url, { credentials: KEY_A });

describe('common response headers', () => {
  it('answers like OSS: request id, Date, Server, Content-Length, Connection, server time, Content-Type', async () => {
    const answer = await raw(getBucketLocation, { bucket: 'examplebucket' });
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
    const answer = await raw(listCname, { bucket: 'nosuchbucket' });
    expect(answer.status).toBe(404);
    expect(xmlText(answer.body, 'Error/Code')).toBe('NoSuchBucket');
    expect(xmlText(answer.body, 'Error/Message')).toBe('The specified bucket does not exist.');
    expect(xmlText(answer.body, 'Error/RequestId')).toBe(answer.headers['x-oss-request-id']);
    expect(xmlText(answer.body, 'Error/HostId')).toBe('127.0.0.1');
    expect(xmlText(answer.body, 'Error/BucketName')).toBe('nosuchbucket');
    expect(xmlText(answer.body, 'Error/EC')).toBe('0015-00000101');
    expect(answer.headers['x-oss-ec']).toBe('0015-00000101');
    expect(xmlText(answer.body, 'Error/RecommendDoc')).toBe(
      'https://api.aliyun.com/troubleshoot?q=0015-00000101',
    );
  });

  it('answers empty 200s with Content-Length 0 and no Content-Type', async () => {
    const answer = await raw(deleteCname, { bucket: 'examplebucket', domain: 'not-bound.example.com' });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(answer.headers['content-length']).toBe('0');
    expect(answer.headers['content-type']).toBeUndefined();
  });
});

describe('GetBucketLocation and GetBucketInfo', () => {
  it('returns the OSS-flavoured region id', async () => {
    const beijing = emulatorBucket(emulator.url, 'beijingbucket', {
      credentials: KEY_A,
      region: 'cn-beijing',
    });
    const location = await beijing.location();
    expect(location.location).toBe('oss-cn-beijing');
    expect(location.region).toBe('cn-beijing');
    const answer = await raw(getBucketLocation, { bucket: 'beijingbucket' }, { region: 'cn-beijing' });
    expect(answer.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint>oss-cn-beijing</LocationConstraint>',
    );
  });

  it('returns the full BucketInfo document', async () => {
    // Raw: the typed BucketInfo leaves out the elements no caller of ours reads (ACL, redundancy...).
    const answer = await raw(getBucketInfo, { bucket: 'beijingbucket' }, { region: 'cn-beijing' });
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
    const answer = await raw(getBucketInfo, { bucket: 'examplebucket' }, { virtualHosted: true });
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'BucketInfo/Bucket/Name')).toBe('examplebucket');
  });

  it('refuses what it does not implement with InvalidRequest', async () => {
    const getBucketAcl: OperationSpec<object, object> = {
      name: 'GetBucketAcl',
      method: 'GET',
      contentType: 'application/xml',
      bucket: () => 'examplebucket',
      query: () => [['acl', '']],
      parse: () => ({}),
    };
    const answer = await serviceError(client().invoke(getBucketAcl, {}));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidRequest');
  });
});

describe('ListBuckets', () => {
  it('lists the caller’s buckets in name order with endpoints and regions', async () => {
    const answer = await client().invoke(listBuckets, {});
    expect(answer.status).toBe(200);
    expect(answer.buckets.map((b) => b.name)).toEqual(['beijingbucket', 'examplebucket', 'otherbucket']);
    const beijing = answer.buckets[0];
    expect(beijing?.location).toBe('oss-cn-beijing');
    expect(beijing?.region).toBe('cn-beijing');
    expect(beijing?.extranetEndpoint).toBe('oss-cn-beijing.aliyuncs.com');
    expect(answer.isTruncated).toBe(false);
    expect(answer.ownerId).toBe(ACCOUNT_A);
  });

  it('pages with max-keys and marker, reporting IsTruncated and NextMarker', async () => {
    // Raw: the typed result does not echo MaxKeys and Marker back.
    const first = await raw(listBuckets, { maxKeys: 2 });
    expect(xmlText(first.body, 'ListAllMyBucketsResult/IsTruncated')).toBe('true');
    expect(xmlText(first.body, 'ListAllMyBucketsResult/NextMarker')).toBe('examplebucket');
    expect(xmlText(first.body, 'ListAllMyBucketsResult/MaxKeys')).toBe('2');
    const second = await raw(listBuckets, { marker: 'examplebucket', maxKeys: 2 });
    const names = xmlAll(second.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['otherbucket']);
    expect(xmlText(second.body, 'ListAllMyBucketsResult/IsTruncated')).toBe('false');
    expect(xmlText(second.body, 'ListAllMyBucketsResult/NextMarker')).toBeUndefined();
    expect(xmlText(second.body, 'ListAllMyBucketsResult/Marker')).toBe('examplebucket');
  });

  it('filters by prefix', async () => {
    const answer = await raw(listBuckets, { prefix: 'ex' });
    const names = xmlAll(answer.body, 'ListAllMyBucketsResult/Buckets/Bucket').map((b) =>
      childText(b, 'Name'),
    );
    expect(names).toEqual(['examplebucket']);
    expect(xmlText(answer.body, 'ListAllMyBucketsResult/Prefix')).toBe('ex');
  });

  it('shows another account only its own buckets', async () => {
    const answer = await emulatorOss(emulator.url, { credentials: KEY_B }).invoke(listBuckets, {});
    expect(answer.buckets.map((b) => b.name)).toEqual(['foreignbucket']);
  });

  it('answers on the regional endpoint host too', async () => {
    const request = built(emulator.url, listBuckets, {}, { credentials: KEY_A });
    const answer = await sendWire(emulator.url, { ...request, host: 'oss-cn-hangzhou.aliyuncs.com' });
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'ListAllMyBucketsResult/Owner/ID')).toBe(ACCOUNT_A);
  });

  it('rejects a bad max-keys with InvalidArgument naming it', async () => {
    // The client refuses 5000 itself; without that check the emulator's own is what answers.
    const unchecked = { ...listBuckets, validate: undefined };
    const answer = await serviceError(client().invoke(unchecked, { maxKeys: 5000 }));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.fields.ArgumentName).toBe('max-keys');
    expect(answer.fields.ArgumentValue).toBe('5000');
  });
});

describe('object requests', () => {
  it('verify the signature over the key, then answer InvalidRequest: objects are not emulated', async () => {
    // OperationSpec has no object keys (the service never reads objects): signed by the signer itself.
    const call = { method: 'GET', bucket: 'examplebucket', key: 'dir/file name.txt', query: [] } as const;
    const answer = await sendWire(emulator.url, signedV4(emulator.url, call, { credentials: KEY_A }));
    expect(answer.status).toBe(400);
    expect(xmlText(answer.body, 'Error/Code')).toBe('InvalidRequest');
    const forged = await sendWire(
      emulator.url,
      signedV4(emulator.url, call, { credentials: { ...KEY_A, accessKeySecret: 'bad' } }),
    );
    expect(xmlText(forged.body, 'Error/Code')).toBe('SignatureDoesNotMatch');
    expect(xmlText(forged.body, 'Error/CanonicalRequest')).toContain(
      '\n/examplebucket/dir/file%20name.txt\n',
    );
  });
});

describe('request bodies over the limit', () => {
  it('answers EntityTooLarge and keeps serving the connection', async () => {
    const small = await startEmulator({ bodyLimitBytes: 64 });
    try {
      const ops = emulatorBucket(small.url, 'examplebucket', { credentials: KEY_A });
      const answer = await serviceError(ops.createToken(`${'a'.repeat(40)}.example.com`));
      expect(answer.status).toBe(400);
      expect(answer.code).toBe('EntityTooLarge');
      expect((await ops.list()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
