// A third-party V4 (and V1) client, the ali-oss npm package, against the emulator: its independent
// signer and XML parser must agree with the emulator, so the verifier is not merely self-consistent
// with src/oss/signer.

import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { ACCOUNT_A, KEY_A, STS_KEY, startEmulator } from './helpers/emulator.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

interface AliError {
  code: string;
  status: number;
  requestId: string;
  ecCode?: string;
  message: string;
}

function client(options: {
  v4: boolean;
  region?: string;
  accessKeySecret?: string;
  stsToken?: string;
  accessKeyId?: string;
}) {
  return new OSS({
    region: options.region ?? 'oss-cn-hangzhou',
    endpoint: emulator.url,
    accessKeyId: options.accessKeyId ?? KEY_A.accessKeyId,
    accessKeySecret: options.accessKeySecret ?? KEY_A.accessKeySecret,
    stsToken: options.stsToken,
    authorizationV4: options.v4,
    retryMax: 0,
  });
}

async function failure(call: Promise<unknown>): Promise<AliError> {
  try {
    await call;
  } catch (error) {
    return error as AliError;
  }
  throw new Error('expected the call to fail');
}

describe.each([
  ['V4', true],
  ['V1', false],
])('ali-oss with %s signatures', (_, v4) => {
  it('reads GetBucketInfo', async () => {
    const { bucket } = await client({ v4 }).getBucketInfo('examplebucket');
    expect(bucket).toMatchObject({
      Name: 'examplebucket',
      Location: 'oss-cn-hangzhou',
      ExtranetEndpoint: 'oss-cn-hangzhou.aliyuncs.com',
      IntranetEndpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      Owner: { ID: ACCOUNT_A, DisplayName: 'account-a' },
    });
  });

  it('reads GetBucketLocation', async () => {
    expect((await client({ v4 }).getBucketLocation('beijingbucket')).location).toBe('oss-cn-beijing');
  });

  it('reads ListBuckets', async () => {
    const result = await client({ v4 }).listBuckets({ 'max-keys': 2 });
    expect(result.buckets?.map((b) => b.name)).toEqual(['beijingbucket', 'examplebucket']);
    expect(result.isTruncated).toBe(true);
    expect(result.nextMarker).toBe('examplebucket');
  });

  it('gets SignatureDoesNotMatch for a wrong secret, with request id and EC', async () => {
    const error = await failure(client({ v4, accessKeySecret: 'wrong' }).getBucketInfo('examplebucket'));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.status).toBe(403);
    expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(error.ecCode).toBe(v4 ? '0002-00000201' : '0002-00000040');
  });

  it('gets InvalidAccessKeyId and NoSuchBucket', async () => {
    expect(
      (await failure(client({ v4, accessKeyId: 'LTAInobody' }).getBucketInfo('examplebucket'))).code,
    ).toBe('InvalidAccessKeyId');
    expect((await failure(client({ v4 }).getBucketInfo('nosuchbucket'))).code).toBe('NoSuchBucket');
  });

  it('signs STS requests the emulator accepts', async () => {
    const sts = client({
      v4,
      accessKeyId: STS_KEY.accessKeyId,
      accessKeySecret: STS_KEY.accessKeySecret,
      stsToken: STS_KEY.securityToken,
    });
    expect((await sts.getBucketInfo('examplebucket')).bucket.Name).toBe('examplebucket');
  });
});

describe('ali-oss against the wrong region', () => {
  it('is told to use the bucket’s endpoint, and can discover it with GetBucketLocation', async () => {
    const wrong = client({ v4: true, region: 'oss-cn-hangzhou' });
    const error = await failure(wrong.getBucketInfo('beijingbucket'));
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toContain('must be addressed using the specified endpoint');
    expect((await wrong.getBucketLocation('beijingbucket')).location).toBe('oss-cn-beijing');
    const right = client({ v4: true, region: 'oss-cn-beijing' });
    expect((await right.getBucketInfo('beijingbucket')).bucket.Location).toBe('oss-cn-beijing');
  });
});
