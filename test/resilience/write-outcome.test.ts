// When a write's outcome counts as unknown, and when the listed state shows a PutCname in place.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OssNetworkError, OssServiceError, OssTimeoutError } from '../../src/oss/errors.ts';
import { findBinding, outcomeUnknown } from '../../src/oss/index.ts';
import type { CnameInfo } from '../../src/oss/types.ts';
import { putLanded } from '../../src/resilience/write-outcome.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { serviceError } from './helpers/oss-failures.ts';

const date = { raw: '', iso: undefined };
const info = (domain: string, certificate?: { certId: string; fingerprint: string }, isWildcard = false) =>
  ({
    domain,
    lastModified: date,
    status: 'Enabled',
    isWildcard,
    certificate: certificate && {
      type: 'Upload',
      status: 'Enabled',
      creationDate: date,
      validStartDate: date,
      validEndDate: date,
      ...certificate,
    },
  }) satisfies CnameInfo;

function stale(): OssServiceError {
  const base = serviceError(400, 'InvalidArgument', 'PutCname');
  return new OssServiceError({ ...base, ec: '0018-00000209', message: 'stale', fields: {} });
}

describe('outcomeUnknown', () => {
  const rotation = {
    bucket: 'b',
    domain: 'a.example.com',
    certificate: { certId: '2-x', previousCertId: '1-x' },
  };

  it('is true when OSS may have acted: 5xx, read timeout, a connection dropped after sending', () => {
    expect(outcomeUnknown(serviceError(500, 'InternalError'))).toBe(true);
    expect(outcomeUnknown(new OssTimeoutError('ReadTimeout', 'PutCname', 1))).toBe(true);
    expect(outcomeUnknown(new OssNetworkError('PutCname', true, new Error('reset')))).toBe(true);
  });

  it('is false when OSS refused or never saw the request', () => {
    expect(outcomeUnknown(serviceError(403, 'NeedVerifyDomainOwnership'))).toBe(false);
    expect(outcomeUnknown(new OssTimeoutError('ConnectTimeout', 'PutCname', 1))).toBe(false);
    expect(outcomeUnknown(new OssNetworkError('PutCname', false, new Error('refused')))).toBe(false);
    expect(outcomeUnknown(new Error('not from OSS'))).toBe(false);
  });

  it('counts a stale PreviousCertId as unknown only for a write that named one', () => {
    expect(outcomeUnknown(stale(), rotation)).toBe(true);
    expect(outcomeUnknown(stale(), { bucket: 'b', domain: 'a.example.com' })).toBe(false);
    expect(outcomeUnknown(serviceError(400, 'InvalidArgument'), rotation)).toBe(false);
  });
});

describe('putLanded', () => {
  let pem = '';
  let fingerprint = '';
  beforeAll(async () => {
    const cert = await makeCertificate({ sans: ['a.example.com'] });
    pem = cert.chainPem;
    fingerprint = new X509Certificate(pem).fingerprint;
  });

  const put = (certificate?: object) => ({ bucket: 'b', domain: 'a.example.com', certificate });

  it('finds the binding case-insensitively and never a wildcard entry of the same base name', () => {
    expect(findBinding([info('A.Example.com')], 'a.example.com')?.domain).toBe('A.Example.com');
    expect(findBinding([info('a.example.com', undefined, true)], 'a.example.com')).toBeUndefined();
  });

  it('a bind is in place once the domain is listed', () => {
    expect(putLanded(put(), info('a.example.com'))).toBe(true);
    expect(putLanded(put(), undefined)).toBe(false);
  });

  it('a certificate change is in place only with exactly that certificate', () => {
    expect(putLanded(put({ certId: '2-x' }), info('a.example.com', { certId: '2-x', fingerprint: '' }))).toBe(
      true,
    );
    expect(putLanded(put({ certId: '2-x' }), info('a.example.com', { certId: '1-x', fingerprint: '' }))).toBe(
      false,
    );
    expect(
      putLanded(
        put({ certificate: pem, privateKey: 'k' }),
        info('a.example.com', { certId: '9-x', fingerprint }),
      ),
    ).toBe(true);
    const other = {
      certId: '9-x',
      fingerprint: `${fingerprint.startsWith('0') ? '1' : '0'}${fingerprint.slice(1)}`,
    };
    expect(putLanded(put({ certificate: pem, privateKey: 'k' }), info('a.example.com', other))).toBe(false);
    expect(putLanded(put({ certificate: 'not a PEM', privateKey: 'k' }), info('a.example.com', other))).toBe(
      false,
    );
  });

  it('a removal is in place once no certificate is listed', () => {
    expect(putLanded(put({ deleteCertificate: true }), info('a.example.com'))).toBe(true);
    expect(
      putLanded(put({ deleteCertificate: true }), info('a.example.com', { certId: '1-x', fingerprint })),
    ).toBe(false);
  });
});
