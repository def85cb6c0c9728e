// The one way services reach OSS: a wrong-endpoint answer re-sends only the OSS call that got it (the
// business flow around it, with its DNS pre-flight and earlier reads, does not run again), and failures
// come back as problems naming the bucket, domain and region.
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../../src/errors/problem.ts';
import { DnsInspector } from '../../../src/services/domain-dns/index.ts';
import { OssAccess } from '../../../src/services/oss-access/index.ts';
import { TokenService } from '../../../src/services/tokens/index.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';
import { serviceError } from '../../helpers/oss-errors.ts';

const DOMAIN = 'www.example.com';

describe('BucketOss', () => {
  it('re-sends a call once at the region a wrong-endpoint answer names, and keeps that region', async () => {
    const oss = new FakeOss().addBucket('moved', 'cn-hangzhou');
    const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
    const bucket = access.bucket('moved');
    await bucket.bindings();
    // Deleted and re-created in another region after its region was cached.
    oss.addBucket('moved', 'cn-shanghai');
    await bucket.bind(DOMAIN, undefined);
    const puts = oss.calls.filter((c) => c.operation === 'PutCname');
    expect(puts.map((c) => c.region)).toEqual(['cn-hangzhou', 'cn-shanghai']);
    expect(await bucket.region()).toBe('cn-shanghai');
  });

  it('maps a failure to a problem naming the bucket, domain and region', async () => {
    const oss = new FakeOss().addBucket('home', 'cn-beijing');
    oss.failNext.set('PutCname', serviceError(400, 'NoSuchCnameInRecord'));
    const bucket = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' }).bucket('home');
    const error = await bucket.bind(DOMAIN, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({
      code: 'icp-filing-required',
      extensions: { region: 'cn-beijing', ossCode: 'NoSuchCnameInRecord' },
    });
    expect((error as ProblemError).detail).toContain('"home"');
    expect((error as ProblemError).detail).toContain(DOMAIN);
  });

  it('answers undefined for a missing live token, and token-not-found for a token read', async () => {
    const oss = new FakeOss().addBucket('home', 'cn-hangzhou');
    const bucket = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' }).bucket('home');
    expect(await bucket.liveToken(DOMAIN)).toBeUndefined();
    await expect(bucket.token(DOMAIN)).rejects.toMatchObject({ code: 'token-not-found' });
  });

  it('treats unbinding an unbound domain as success, as the op spec says', async () => {
    const oss = new FakeOss().addBucket('home', 'cn-hangzhou');
    oss.failNext.set('DeleteCname', serviceError(404, 'NoSuchCname'));
    const bucket = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' }).bucket('home');
    await expect(bucket.unbind(DOMAIN)).resolves.toMatchObject({ status: 404 });
  });
});

describe('a wrong-endpoint answer in the middle of a flow', () => {
  it('re-sends only the call that got it, not the reads before it', async () => {
    const oss = new FakeOss().addBucket('moved', 'cn-hangzhou');
    const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
    // A closed port: the zone lookup fails at once and the token's record falls back to a guess.
    const dns = new DnsInspector({
      resolvers: [{ host: '127.0.0.1', port: 9 }],
      authoritativePort: 9,
      timeoutMs: 200,
      cacheTtlMs: 0,
      preflightTimeoutMs: 200,
    });
    const tokens = new TokenService(access, dns);
    await access.bucket('moved').region();
    // The bucket moves between the flow's read (GetCnameToken) and its write (CreateCnameToken).
    const wrongEndpoint = serviceError(403, 'AccessDenied', {
      fields: { Endpoint: 'oss-cn-shanghai.aliyuncs.com', Bucket: 'moved' },
    });
    oss.failNext.set('CreateCnameToken', wrongEndpoint);
    oss.addBucket('moved', 'cn-shanghai');
    oss.failNext.set('GetCnameToken', serviceError(404, 'CnameTokenNotFound'));
    const created = await tokens.create('moved', DOMAIN, { dryRun: false, canSeeBucket: () => true });
    expect(created).toMatchObject({
      created: true,
      token: { cnameTarget: 'moved.oss-cn-shanghai.aliyuncs.com' },
    });
    expect(oss.operations()).toEqual([
      'GetBucketLocation',
      'GetCnameToken',
      'CreateCnameToken',
      'CreateCnameToken',
    ]);
    expect(oss.calls.filter((c) => c.operation === 'CreateCnameToken').map((c) => c.region)).toEqual([
      'cn-hangzhou',
      'cn-shanghai',
    ]);
  });
});
