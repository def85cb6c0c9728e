import { describe, expect, it } from 'vitest';
import { regionOfEndpoint } from '../../../src/oss/index.ts';
import { OssAccess } from '../../../src/services/oss-access/index.ts';
import { RegionCache } from '../../../src/services/oss-access/region-cache.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';
import { serviceError } from '../../helpers/oss-errors.ts';

describe('region discovery', () => {
  it('asks GetBucketLocation once per bucket with the default region', async () => {
    const oss = new FakeOss().addBucket('home', 'cn-hangzhou');
    const regions = new RegionCache(oss, { defaultRegion: 'cn-hangzhou' });
    expect(await regions.regionOf('home')).toBe('cn-hangzhou');
    expect(await regions.regionOf('home')).toBe('cn-hangzhou');
    expect(oss.calls).toEqual([
      { operation: 'GetBucketLocation', input: { bucket: 'home' }, region: 'cn-hangzhou' },
    ]);
  });

  it('takes the region from the wrong-endpoint answer', async () => {
    const oss = new FakeOss().addBucket('far', 'ap-southeast-1');
    const regions = new RegionCache(oss, { defaultRegion: 'cn-hangzhou' });
    expect(await regions.regionOf('far')).toBe('ap-southeast-1');
    expect(oss.operations()).toEqual(['GetBucketLocation']);
  });

  it('shares one lookup between concurrent first requests', async () => {
    const oss = new FakeOss().addBucket('busy', 'cn-beijing');
    const regions = new RegionCache(oss, { defaultRegion: 'cn-hangzhou' });
    const all = await Promise.all([
      regions.regionOf('busy'),
      regions.regionOf('busy'),
      regions.regionOf('busy'),
    ]);
    expect(all).toEqual(['cn-beijing', 'cn-beijing', 'cn-beijing']);
    expect(oss.operations()).toEqual(['GetBucketLocation']);
  });

  it('lets other OSS errors through and does not cache them', async () => {
    const oss = new FakeOss();
    const regions = new RegionCache(oss, { defaultRegion: 'cn-hangzhou' });
    await expect(regions.regionOf('ghost')).rejects.toMatchObject({ code: 'NoSuchBucket' });
    oss.addBucket('ghost', 'cn-hangzhou');
    expect(await regions.regionOf('ghost')).toBe('cn-hangzhou');
  });

  it('refreshes the cached region when OSS says the endpoint is wrong, and retries once', async () => {
    const oss = new FakeOss().addBucket('moved', 'cn-hangzhou');
    const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
    await access.bucket('moved').region();
    // The bucket was deleted and re-created in another region.
    oss.addBucket('moved', 'cn-shanghai');
    await access.bucket('moved').bindings();
    const listed = oss.calls.filter((c) => c.operation === 'ListCname');
    expect(listed.map((c) => (c.input as { bucket: string }).bucket)).toEqual(['moved', 'moved']);
    const seen = listed.map((c) => c.region);
    expect(seen).toEqual(['cn-hangzhou', 'cn-shanghai']);
    expect(await access.bucket('moved').region()).toBe('cn-shanghai');
  });

  it('does not retry AccessDenied without an endpoint (a permission problem)', async () => {
    const oss = new FakeOss().addBucket('locked', 'cn-hangzhou');
    const access = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
    oss.failNext.set('ListCname', serviceError(403, 'AccessDenied'));
    await expect(access.bucket('locked').bindings()).rejects.toMatchObject({
      extensions: { ossCode: 'AccessDenied' },
    });
    const attempts = oss.calls.filter((c) => c.operation === 'ListCname').length;
    expect(attempts).toBe(1);
  });

  it('forgets the oldest bucket beyond its capacity', async () => {
    const oss = new FakeOss().addBucket('one', 'cn-hangzhou').addBucket('two', 'cn-hangzhou');
    const regions = new RegionCache(oss, { defaultRegion: 'cn-hangzhou', maxEntries: 1 });
    await regions.regionOf('one');
    await regions.regionOf('two');
    await regions.regionOf('one');
    expect(oss.operations()).toEqual(['GetBucketLocation', 'GetBucketLocation', 'GetBucketLocation']);
  });
});

describe('regionOfEndpoint', () => {
  it.each([
    ['oss-cn-shanghai.aliyuncs.com', 'cn-shanghai'],
    ['examplebucket.oss-ap-southeast-1.aliyuncs.com', 'ap-southeast-1'],
    ['https://oss-cn-hangzhou-internal.aliyuncs.com/', 'cn-hangzhou'],
    ['cn-beijing.oss.aliyuncs.com', 'cn-beijing'],
    ['OSS-EU-CENTRAL-1.ALIYUNCS.COM', 'eu-central-1'],
  ])('%s → %s', (endpoint, region) => {
    expect(regionOfEndpoint(endpoint)).toBe(region);
  });

  it('reads nothing from hosts that are not OSS endpoints', () => {
    expect(regionOfEndpoint('127.0.0.1:9000')).toBeUndefined();
    expect(regionOfEndpoint('example.com')).toBeUndefined();
  });
});
