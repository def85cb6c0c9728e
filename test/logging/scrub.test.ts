// The free-text scrubber behind every log line: what it removes, and what it must leave readable.
import { describe, expect, it } from 'vitest';
import { scrubText, scrubValue } from '../../src/logging/scrub.ts';

describe('scrubText', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----', '[REDACTED RSA PRIVATE KEY]'],
    ['cut: -----BEGIN PRIVATE KEY-----\nMIIEabc', 'cut: [REDACTED PRIVATE KEY]'],
    ['a -----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE----- b', 'a [REDACTED CERTIFICATE] b'],
    ['Authorization: Bearer abcdefgh12345', 'Authorization: [REDACTED] [REDACTED]'],
    ['sent Bearer abcdefgh12345 twice', 'sent Bearer [REDACTED] twice'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic [REDACTED]'],
    ['key ocsk_AbCdEfGh12345678_-x leaked', 'key ocsk_[REDACTED] leaked'],
    [
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1c',
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=[REDACTED]',
    ],
    ['OSS LTAIabc:kZoYNv66bsmc10+dcGKw5x2PRrk=', 'OSS LTAIabc:[REDACTED]'],
    ['{"token":"abc","privateKey":"pk","ok":1}', '{"token":"[REDACTED]","privateKey":"[REDACTED]","ok":1}'],
    [
      "accessKeySecret='s3cr3t' securityToken=STS.xyz",
      "accessKeySecret='[REDACTED]' securityToken=[REDACTED]",
    ],
  ])('scrubs %j', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    'GET /buckets/web-site/cnames 200',
    'tokenizer=fine keyId=web-team',
    'ListCname failed: 404 NoSuchBucket (RequestId: 5F0E6215FE05DA0E27393F00)',
  ])('leaves %j alone', (text) => {
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubValue', () => {
  it('drops secret fields at any depth, case-insensitively', () => {
    const value = { a: { b: { c: { d: { PrivateKey: 'x', TOKEN: 'y', keep: 'z' } } } } };
    expect(scrubValue(value)).toEqual({
      a: { b: { c: { d: { PrivateKey: '[REDACTED]', TOKEN: '[REDACTED]', keep: 'z' } } } },
    });
  });

  it('turns errors into scrubbed plain objects, keeping type and extra fields', () => {
    const error = Object.assign(new TypeError('bad key ocsk_AbCdEfGh12345678'), { code: 'E_X' });
    expect(scrubValue({ err: error })).toMatchObject({
      err: { type: 'TypeError', message: 'bad key ocsk_[REDACTED]', code: 'E_X' },
    });
  });

  it('survives cycles, buffers and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'x', body: Buffer.from('secret') };
    cyclic.self = cyclic;
    expect(scrubValue(cyclic)).toEqual({ name: 'x', body: '[Buffer 6 bytes]', self: '[Circular]' });
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(JSON.stringify(scrubValue(deep))).toContain('[Truncated]');
  });
});
