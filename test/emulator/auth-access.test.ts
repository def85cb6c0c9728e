// Credentials and access: STS tokens, other accounts' buckets and keys, denied actions, and requests aimed
// at the wrong region; every error code with its EC and extra elements.

import { describe, expect, it } from 'vitest';
import { getBucketInfo, getBucketLocation } from '../../src/oss/index.ts';
import { authCalls, code } from './helpers/auth-calls.ts';
import { useClockedEmulator } from './helpers/clocked.ts';
import { KEY_A, KEY_B, RESTRICTED_KEY, STS_KEY, STS_KEY_2 } from './helpers/emulator.ts';
import { serviceError } from './helpers/oss.ts';
import { xmlText } from './helpers/xml.ts';

const START = Date.parse('2025-06-01T12:00:00Z');
const env = useClockedEmulator(START);
const { ops, request, send } = authCalls(env);

describe('STS security tokens', () => {
  it('accepts an STS key with its token', async () => {
    expect((await ops({ credentials: STS_KEY }).list()).status).toBe(200);
  });

  it('rejects an STS key without its token', async () => {
    const answer = await serviceError(ops({ credentials: { ...STS_KEY, securityToken: undefined } }).list());
    expect(answer.code).toBe('InvalidSecurityToken');
    expect(answer.ec).toBe('0002-00000008');
  });

  it('rejects a forged token', async () => {
    const answer = await serviceError(ops({ credentials: { ...STS_KEY, securityToken: 'forged' } }).list());
    expect(answer.code).toBe('InvalidSecurityToken');
  });

  it('rejects another key’s token with AccessKeyIdAndSecurityTokenNotMatch', async () => {
    const answer = await serviceError(
      ops({ credentials: { ...STS_KEY, securityToken: STS_KEY_2.securityToken } }).list(),
    );
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessKeyIdAndSecurityTokenNotMatch');
    expect(answer.ec).toBe('0002-00000004');
  });

  it('rejects a token on a permanent key', async () => {
    const answer = await serviceError(ops({ credentials: { ...KEY_A, securityToken: 'forged' } }).list());
    expect(answer.code).toBe('InvalidSecurityToken');
  });

  it('works with V1 too', async () => {
    expect((await ops({ credentials: STS_KEY, signatureVersion: 'v1' }).list()).status).toBe(200);
  });
});

describe('access', () => {
  it('refuses another account’s bucket with AccessDenied', async () => {
    const answer = await serviceError(ops({ bucket: 'foreignbucket' }).list());
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });

  it('refuses a denied action for that key only', async () => {
    const restricted = ops({ credentials: RESTRICTED_KEY });
    const denied = await serviceError(restricted.put('denied.example.com'));
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.serverMessage).toContain('oss:PutCname');
    expect((await restricted.list()).status).toBe(200);
  });

  it('answers NoSuchBucket before looking at the signature', async () => {
    const answer = await serviceError(
      ops({ bucket: 'nosuchbucket', credentials: { accessKeyId: 'unknown', accessKeySecret: 'x' } }).list(),
    );
    expect(answer.code).toBe('NoSuchBucket');
  });
});

describe('wrong region', () => {
  const wrongEndpoint =
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.';

  it('refuses a V4 scope naming another region and names the right endpoint', async () => {
    const answer = await serviceError(ops({ bucket: 'beijingbucket', region: 'cn-hangzhou' }).info());
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
    expect(answer.serverMessage).toBe(wrongEndpoint);
    expect(answer.fields.Endpoint).toBe('oss-cn-beijing.aliyuncs.com');
  });

  // Virtual-hosted requests name their region in Host, which the client can only send to a real OSS host:
  // the client builds them, the raw helper delivers them to the emulator.
  it('refuses a virtual-hosted Host naming another region, even with V1', async () => {
    const req = request(
      getBucketInfo,
      { bucket: 'beijingbucket' },
      { signatureVersion: 'v1', virtualHosted: true },
    );
    expect(req.host).toBe('beijingbucket.oss-cn-hangzhou.aliyuncs.com');
    const answer = await send(req);
    expect(code(answer.body)).toBe('AccessDenied');
    expect(xmlText(answer.body, 'Error/Endpoint')).toBe('oss-cn-beijing.aliyuncs.com');
  });

  it('answers GetBucketLocation whatever region the scope names: that is how clients discover it', async () => {
    const req = request(
      getBucketLocation,
      { bucket: 'beijingbucket' },
      { region: 'cn-shanghai', virtualHosted: true },
    );
    const answer = await send(req);
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'LocationConstraint')).toBe('oss-cn-beijing');
    const located = await ops({ bucket: 'beijingbucket', region: 'cn-shanghai' }).location();
    expect(located.region).toBe('cn-beijing');
  });

  it('accepts the right region', async () => {
    const req = request(
      getBucketInfo,
      { bucket: 'beijingbucket' },
      { region: 'cn-beijing', virtualHosted: true },
    );
    expect((await send(req)).status).toBe(200);
    expect((await ops({ bucket: 'beijingbucket', region: 'cn-beijing' }).info()).name).toBe('beijingbucket');
  });
});

describe('another account', () => {
  it('cannot use its key on account A’s bucket but can on its own', async () => {
    expect((await serviceError(ops({ credentials: KEY_B }).list())).code).toBe('AccessDenied');
    expect((await ops({ bucket: 'foreignbucket', credentials: KEY_B }).list()).status).toBe(200);
  });
});
