import { describe, expect, it } from 'vitest';
import {
  normalizeRegion,
  requestTarget,
  resolveEndpoint,
  validateBucketName,
} from '../../src/oss/endpoint.ts';
import { OssValidationError } from '../../src/oss/errors.ts';

describe('resolveEndpoint', () => {
  it('derives the public endpoint from the region, https by default', () => {
    expect(resolveEndpoint({ region: 'cn-hangzhou' })).toEqual({
      scheme: 'https',
      host: 'oss-cn-hangzhou.aliyuncs.com',
      pathStyle: false,
    });
  });

  it.each([
    [{ useInternalEndpoint: true }, 'oss-cn-hangzhou-internal.aliyuncs.com'],
    [{ useDualStack: true }, 'cn-hangzhou.oss.aliyuncs.com'],
    [{ useAccelerate: true }, 'oss-accelerate.aliyuncs.com'],
    [{ useAccelerate: 'overseas' as const }, 'oss-accelerate-overseas.aliyuncs.com'],
  ])('variant %o -> %s', (opts, host) => {
    expect(resolveEndpoint({ region: 'cn-hangzhou', ...opts }).host).toBe(host);
  });

  it('uses http when SSL is disabled, for derived and bare explicit endpoints', () => {
    expect(resolveEndpoint({ region: 'cn-hangzhou', disableSsl: true }).scheme).toBe('http');
    expect(
      resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'oss-cn-shanghai.aliyuncs.com', disableSsl: true }),
    ).toEqual({
      scheme: 'http',
      host: 'oss-cn-shanghai.aliyuncs.com',
      pathStyle: false,
    });
  });

  it('an explicit endpoint overrides the region; a bare host gets https', () => {
    expect(resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'oss-cn-beijing.aliyuncs.com' })).toEqual({
      scheme: 'https',
      host: 'oss-cn-beijing.aliyuncs.com',
      pathStyle: false,
    });
    expect(resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'http://oss.example.test:8080' }).host).toBe(
      'oss.example.test:8080',
    );
  });

  it.each([
    '127.0.0.1:9000',
    'http://127.0.0.1:9000',
    'http://[::1]:9000',
    'https://[2001:db8::1]',
    '10.0.0.5',
  ])('IP-literal endpoint %s forces path style', (endpoint) => {
    expect(resolveEndpoint({ region: 'cn-hangzhou', endpoint }).pathStyle).toBe(true);
  });

  it('path style on request', () => {
    expect(resolveEndpoint({ region: 'cn-hangzhou', usePathStyle: true }).pathStyle).toBe(true);
  });

  it.each(['ftp://host', 'http://user:pw@host', 'http://host/path', 'http://host?x=1', 'http://'])(
    'rejects endpoint %s',
    (endpoint) => {
      expect(() => resolveEndpoint({ region: 'cn-hangzhou', endpoint })).toThrow(OssValidationError);
    },
  );
});

describe('requestTarget', () => {
  const hosted = resolveEndpoint({ region: 'cn-hangzhou' });
  const ip = resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9000' });

  it('virtual-hosted: bucket in the host, path /', () => {
    expect(requestTarget(hosted, 'examplebucket')).toEqual({
      origin: 'https://examplebucket.oss-cn-hangzhou.aliyuncs.com',
      host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      path: '/',
    });
  });

  it('path style: bucket in the path with a trailing slash', () => {
    expect(requestTarget(ip, 'examplebucket')).toEqual({
      origin: 'http://127.0.0.1:9000',
      host: '127.0.0.1:9000',
      path: '/examplebucket/',
    });
  });

  it('service requests (ListBuckets) go to the endpoint itself', () => {
    expect(requestTarget(hosted, undefined)).toEqual({
      origin: 'https://oss-cn-hangzhou.aliyuncs.com',
      host: 'oss-cn-hangzhou.aliyuncs.com',
      path: '/',
    });
  });
});

describe('regions and bucket names', () => {
  it('normalises oss- prefixed ids to general region ids', () => {
    expect(normalizeRegion('oss-cn-hangzhou')).toBe('cn-hangzhou');
    expect(normalizeRegion('ap-southeast-1')).toBe('ap-southeast-1');
  });

  it.each(['', 'CN-hangzhou', 'cn_hangzhou', 'cn-hangzhou/x', 'oss-'])('rejects region %j', (region) => {
    expect(() => normalizeRegion(region)).toThrow(OssValidationError);
  });

  it.each(['abc', 'a-b', 'example-bucket-1', 'a'.repeat(63)])('accepts bucket %s', (b) => {
    expect(() => validateBucketName(b)).not.toThrow();
  });

  it.each(['ab', 'a'.repeat(64), '-abc', 'abc-', 'ABC', 'a_b', 'a.b', ''])('rejects bucket %j', (b) => {
    expect(() => validateBucketName(b)).toThrow(OssValidationError);
  });
});
