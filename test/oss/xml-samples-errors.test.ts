import { describe, expect, it } from 'vitest';
import { OssBadErrorResponseError, OssServiceError } from '../../src/oss/errors.ts';
import { responseError } from '../../src/oss/response.ts';
import { response, samples } from './helpers/xml-samples.ts';

// Every error_responses sample is a test case. Samples recorded without a body (live-test observations)
// are checked with a body built from the fields the sample does record.

describe('error_responses samples', () => {
  it('has 11 samples', () => expect(samples.error_responses).toHaveLength(11));

  const withBody = samples.error_responses.filter((s) => s.body !== null);

  it.each(withBody)('$id', (s) => {
    const err = responseError(response(s.status, s.body, s.headers), 'PutCname');
    expect(err).toBeInstanceOf(OssServiceError);
    if (!(err instanceof OssServiceError)) return;
    expect(err.status).toBe(s.status);
    expect(err.code).toBe(s.parsed.Code);
    if (s.parsed.Message) expect(err.serverMessage).toBe(s.parsed.Message);
    if (s.parsed.RequestId) expect(err.requestId).toBe(s.parsed.RequestId);
    if (s.parsed.EC) expect(err.ec).toBe(s.parsed.EC);
    expect(err.operation).toBe('PutCname');
    // Everything beyond the five core members is kept.
    const extras = [...(s.body ?? '').matchAll(/<(\w+)>[^<]*<\/\1>/g)]
      .map((m) => m[1] as string)
      .filter((n) => !['Code', 'Message', 'RequestId', 'HostId', 'EC'].includes(n));
    expect(Object.keys(err.fields).sort()).toEqual([...new Set(extras)].sort());
  });

  it('err-signature-does-not-match: the echoed signature is redacted', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-signature-does-not-match');
    const err = responseError(response(403, s?.body ?? null, s?.headers), 'PutCname') as OssServiceError;
    expect(err.fields.SignatureProvided).toBe('[redacted]');
    expect(JSON.stringify(err)).not.toContain('RizTbeKC/QlwxINq8xEdUPowc84=');
  });

  it('err-too-many-cname-token keeps the Bucket field and has no EC', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-too-many-cname-token');
    const err = responseError(
      response(400, s?.body ?? null, s?.headers),
      'CreateCnameToken',
    ) as OssServiceError;
    expect(err.fields).toEqual({ Bucket: 'bucket' });
    expect(err.ec).toBe('');
  });

  it('err-invalid-access-key-id: RequestId and EC agree with the x-oss-* headers', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-invalid-access-key-id');
    const err = responseError(response(403, s?.body ?? null, s?.headers), 'ListCname') as OssServiceError;
    expect(err.requestId).toBe(s?.headers?.['x-oss-request-id']);
    expect(err.ec).toBe(s?.headers?.['x-oss-ec']);
    expect(err.fields.OSSAccessKeyId).toBe('ak');
  });

  it('err-need-verify-domain-ownership (no body recorded: built from its fields)', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-need-verify-domain-ownership');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s?.parsed.Code}</Code><Message>${s?.parsed['Message(doc title)']}</Message><RequestId>5C3D9175B6FC201293AD0001</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId><EC>${s?.parsed.EC}</EC></Error>`;
    const err = responseError(response(403, body), 'PutCname') as OssServiceError;
    expect(err.code).toBe('NeedVerifyDomainOwnership');
    expect(err.ec).toBe('0018-00000115');
    expect(err.requestId).toHaveLength(24);
  });

  it('err-need-verify-domain-ownership with only headers: BadErrorResponse, ids from headers', () => {
    const err = responseError(
      response(403, '', { 'x-oss-request-id': '5C3D9175B6FC201293AD0001', 'x-oss-ec': '0018-00000115' }),
      'PutCname',
    );
    expect(err).toBeInstanceOf(OssBadErrorResponseError);
    expect(err).toMatchObject({
      code: 'BadErrorResponse',
      status: 403,
      requestId: '5C3D9175B6FC201293AD0001',
      ec: '0018-00000115',
    });
  });

  it('err-head-x-oss-err-header: a body-less answer carries the XML base64 in x-oss-err', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-head-x-oss-err-header');
    const err = responseError(response(404, null, s?.headers), 'HeadObject') as OssServiceError;
    expect(err).toBeInstanceOf(OssServiceError);
    expect(err).toMatchObject({ code: s?.parsed.Code, serverMessage: s?.parsed.Message, ec: s?.parsed.EC });
  });
});
