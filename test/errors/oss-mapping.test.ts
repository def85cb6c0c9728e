import { describe, expect, it } from 'vitest';
import { OSS_CODE_MAP, ossProblem } from '../../src/errors/oss-mapping.ts';
import { OssBadErrorResponseError, OssCredentialsError } from '../../src/oss/errors.ts';
import { networkError, serviceError, timeoutError } from '../helpers/oss-errors.ts';

const context = { bucket: 'examplebucket', domain: 'www.example.com', region: 'cn-hangzhou' };

describe('OSS error mapping', () => {
  it('answers AccessDenied for a bucket of another account as the caller’s miss, not a credentials alarm', () => {
    const byEc = ossProblem(serviceError(403, 'AccessDenied', { ec: '0003-00000202' }), context);
    expect(byEc).toMatchObject({ status: 404, code: 'bucket-not-found' });
    expect(byEc?.detail).toContain('belongs to another Alibaba Cloud account');
    const byMessage = serviceError(403, 'AccessDenied', {
      ec: '',
      message: 'The bucket you access does not belong to you.',
    });
    expect(ossProblem(byMessage, context)).toMatchObject({ status: 404, code: 'bucket-not-found' });
    expect(ossProblem(serviceError(403, 'AccessDenied'), context)).toMatchObject({
      code: 'upstream-credentials',
    });
  });

  it.each([
    [404, 'NoSuchBucket', 404, 'bucket-not-found'],
    [404, 'CnameTokenNotFound', 404, 'token-not-found'],
    [403, 'NoNeedCreateCnameToken', 409, 'already-bound'],
    [400, 'TooManyCnameToken', 409, 'token-quota-exceeded'],
    [400, 'TooManyCname', 409, 'cname-quota-exceeded'],
    [403, 'NeedVerifyDomainOwnership', 409, 'domain-ownership-unverified'],
    [409, 'CnameAlreadyExists', 409, 'domain-bound-to-other-bucket'],
    [403, 'CnameDenied', 409, 'domain-held-by-other-account'],
    [403, 'CnameIsForbidden', 422, 'domain-forbidden'],
    [403, 'CnameIsRisk', 422, 'domain-flagged-risky'],
    [404, 'NoSuchCnameInRecord', 422, 'icp-filing-required'],
    [400, 'CertificateInvalidCasId', 422, 'certificate-id-unknown'],
    [400, 'InvalidArgument', 400, 'invalid-argument'],
    [400, 'MalformedXML', 502, 'upstream-rejected-request'],
    [403, 'RequestTimeTooSkewed', 502, 'upstream-clock-skew'],
    [403, 'InvalidAccessKeyId', 502, 'upstream-credentials'],
    [403, 'SignatureDoesNotMatch', 502, 'upstream-credentials'],
    [403, 'InvalidSecurityToken', 502, 'upstream-credentials'],
    [403, 'AccessDenied', 502, 'upstream-credentials'],
    [403, 'UserDisable', 502, 'upstream-credentials'],
    [500, 'InternalError', 502, 'upstream-error'],
    [503, 'ServiceUnavailable', 503, 'upstream-busy'],
    [429, 'Throttling', 503, 'upstream-busy'],
    [400, 'SomethingNew', 502, 'upstream-error'],
  ])('%i %s → %i %s', (ossStatus, ossCode, status, code) => {
    const problem = ossProblem(serviceError(ossStatus, ossCode), context);
    expect(problem).toMatchObject({ status, code });
    expect(problem?.extensions).toMatchObject({
      ossCode,
      ossRequestId: '5C3D9175B6FC201293AD6AAB',
      ossEc: '0018-00000000',
    });
  });

  it('never answers 401 or 403 for OSS failures: callers would blame their own key', () => {
    for (const code of Object.keys(OSS_CODE_MAP)) {
      const problem = ossProblem(serviceError(403, code), context);
      expect([401, 403]).not.toContain(problem?.status);
    }
  });

  it('reads precise meanings from InvalidArgument ECs', () => {
    expect(ossProblem(serviceError(400, 'InvalidArgument', { ec: '0018-00000209' }), context)).toMatchObject({
      status: 412,
      code: 'precondition-failed',
    });
  });

  it('names the region for ICP filing, and the CnameType of a conflicting binding', () => {
    const icp = ossProblem(serviceError(404, 'NoSuchCnameInRecord'), context);
    expect(icp?.detail).toContain('cn-hangzhou');
    expect(icp?.extensions.region).toBe('cn-hangzhou');
    const taken = ossProblem(
      serviceError(409, 'CnameAlreadyExists', { fields: { CnameType: 'CNAME_OSS' } }),
      context,
    );
    expect(taken?.extensions.cnameType).toBe('CNAME_OSS');
  });

  it('passes OSS messages on only where they describe the caller input', () => {
    const argument = ossProblem(
      serviceError(400, 'InvalidArgument', { message: 'Entire hostname must be longer' }),
    );
    expect(argument?.extensions.ossMessage).toBe('Entire hostname must be longer');
    const creds = ossProblem(
      serviceError(403, 'SignatureDoesNotMatch', { message: 'StringToSign secret-ish' }),
    );
    expect(creds?.detail).not.toContain('StringToSign');
    expect(creds?.extensions.ossMessage).toBeUndefined();
  });

  it('maps timeouts, network failures and unreadable answers to 5xx', () => {
    expect(ossProblem(timeoutError())).toMatchObject({ status: 504, code: 'upstream-timeout' });
    const network = ossProblem(networkError());
    expect(network).toMatchObject({
      status: 503,
      code: 'upstream-unreachable',
      headers: { 'retry-after': '5' },
    });
    expect(network?.extensions.ossCode).toBeUndefined();
    expect(ossProblem(new OssCredentialsError('no OSS_ACCESS_KEY_ID'))).toMatchObject({
      status: 502,
      code: 'upstream-credentials',
    });
    const bad = new OssBadErrorResponseError({
      status: 502,
      operation: 'ListCname',
      requestId: '',
      ec: '',
      headers: {},
      bodySnippet: '<html>',
      reason: 'not XML',
    });
    expect(ossProblem(bad)).toMatchObject({ status: 502, code: 'upstream-error' });
  });

  it('ignores errors that did not come from the OSS client', () => {
    expect(ossProblem(new Error('boom'))).toBeUndefined();
    expect(ossProblem({ code: 'NoSuchBucket' })).toBeUndefined();
  });
});
