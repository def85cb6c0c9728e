import { describe, expect, it } from 'vitest';
import { normalizeCertId } from '../../src/certs/index.ts';

function accepted(input: unknown, options = {}) {
  const result = normalizeCertId(input, options);
  if (!result.ok) throw new Error(`refused: ${result.detail}`);
  return result;
}

function refused(input: unknown, options = {}) {
  const result = normalizeCertId(input, options);
  if (result.ok) throw new Error(`accepted as ${result.certId}`);
  expect(result.code).toBe('invalid-cert-id');
  return result;
}

describe('accepted forms', () => {
  it.each([
    ['19580016-cn-hangzhou', '19580016-cn-hangzhou'],
    ['19580016-ap-southeast-1', '19580016-ap-southeast-1'],
    ['19580016-eu-central-1', '19580016-eu-central-1'],
    ['  19580016-CN-Hangzhou\n', '19580016-cn-hangzhou'],
  ])('%j -> %s', (input, certId) => {
    expect(accepted(input, { bucketRegion: 'cn-beijing' })).toEqual({
      ok: true,
      certId,
      assumedRegion: false,
      warnings: [],
    });
  });

  it('completes a bare id with cn-hangzhou, never with the bucket region, and says so', () => {
    const result = accepted('19580016', { bucketRegion: 'oss-cn-beijing' });
    expect(result.certId).toBe('19580016-cn-hangzhou');
    expect(result.assumedRegion).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['cert-id-region-assumed']);
    expect(result.warnings[0]?.fix).toContain('ap-southeast-1');
  });

  it('completes a bare id with the configured certificate region', () => {
    expect(accepted('19580016', { defaultCertRegion: 'ap-southeast-1' }).certId).toBe(
      '19580016-ap-southeast-1',
    );
    expect(accepted('19580016', { defaultCertRegion: 'oss-ap-southeast-1' }).certId).toBe(
      '19580016-ap-southeast-1',
    );
  });

  it('refuses to be configured with a malformed default region', () => {
    expect(() => normalizeCertId('1', { defaultCertRegion: 'Hangzhou!' })).toThrow(TypeError);
  });

  it('warns when the suffix is the bucket region rather than a certificate region', () => {
    const result = accepted('19580016-cn-beijing', { bucketRegion: 'oss-cn-beijing' });
    expect(result.certId).toBe('19580016-cn-beijing');
    expect(result.warnings.map((w) => w.code)).toEqual(['cert-id-region-unusual']);
    expect(result.warnings[0]?.detail).toContain("is the bucket's region");
  });

  it('warns about an unknown certificate region without a bucket region to compare', () => {
    const result = accepted('19580016-us-west-1');
    expect(result.warnings[0]?.detail).toContain('cn-hangzhou, ap-southeast-1, eu-central-1');
  });

  it('accepts an id of exactly 63 bytes', () => {
    const id = `1234567890123456789-${'a'.repeat(10)}-${'b'.repeat(10)}-${'c'.repeat(21)}`;
    expect(id).toHaveLength(63);
    expect(accepted(id).certId).toBe(id);
  });
});

describe('refused forms, each with the right form in the fix', () => {
  it('the CAS endpoint instead of the region (certd issue #474)', () => {
    expect(refused('19580016-cas.aliyuncs.com')).toMatchObject({
      detail: '"19580016-cas.aliyuncs.com" ends in the SSL Certificates Service endpoint, not in a region.',
      fix: 'Send "19580016-cn-hangzhou".',
    });
    expect(refused('19580016-cas.ap-southeast-1.aliyuncs.com').fix).toBe('Send "19580016-ap-southeast-1".');
    expect(refused('19580016-cas-vpc.cn-hangzhou.aliyuncs.com').fix).toBe('Send "19580016-cn-hangzhou".');
  });

  it('an OSS-style region', () => {
    expect(refused('19580016-oss-cn-hangzhou').fix).toBe(
      'Send "19580016-cn-hangzhou" (region without the oss- prefix).',
    );
  });

  it('spaces inside the id', () => {
    const result = refused('19580016 - cn-hangzhou');
    expect(result.detail).toBe('"19580016 - cn-hangzhou" contains whitespace.');
    expect(result.fix).toBe('Send "19580016-cn-hangzhou" (no spaces).');
    expect(refused('1958 0016 x y').fix).toContain('<numeric id>-<certificate region>');
  });

  it('more than 63 bytes', () => {
    const long = `19580016-${'a'.repeat(60)}`;
    expect(refused(long).detail).toBe('CertId is 69 bytes; OSS accepts at most 63.');
  });

  it('a masked id copied from the documentation', () => {
    expect(refused('493****-cn-hangzhou').detail).toContain('is masked');
  });

  it('a certificate order id', () => {
    expect(refused('cas-cn-2r42xxxx').detail).toContain('order (instance) id');
  });

  it.each([
    ['', 'CertId is empty.'],
    ['0123-cn-hangzhou', '"0123" is not a certificate id: ids are positive integers of at most 19 digits.'],
    [
      '12345678901234567890',
      '"12345678901234567890" is not a certificate id: ids are positive integers of at most 19 digits.',
    ],
    ['abc', '"abc" is not of the form <numeric id>-<region>.'],
    ['19580016-', '"19580016-" is not of the form <numeric id>-<region>.'],
    ['19580016-hangzhou', '"hangzhou" is not a region id.'],
    ['19580016_cn-hangzhou', '"19580016_cn-hangzhou" is not of the form <numeric id>-<region>.'],
    ['19580016-cn-hangzhou-a-b-c', '"cn-hangzhou-a-b-c" is not a region id.'],
  ])('%j', (input, detail) => {
    const result = refused(input);
    expect(result.detail).toBe(detail);
    expect(result.fix).toContain('19580016-cn-hangzhou');
  });

  it('anything that is not a string', () => {
    for (const input of [19580016, null, undefined, {}, ['1']]) {
      expect(refused(input).detail).toBe('CertId must be a string.');
    }
  });
});
