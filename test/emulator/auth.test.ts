// Signature verification and access checks: every auth error code with its EC and extra elements.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import {
  KEY_A,
  KEY_B,
  manualClock,
  RESTRICTED_KEY,
  STS_KEY,
  STS_KEY_2,
  startEmulator,
} from './helpers/emulator.ts';
import { cnameOps, send } from './helpers/oss-request.ts';
import { xmlText } from './helpers/xml.ts';

const START = Date.parse('2025-06-01T12:00:00Z');
const clock = manualClock(START);
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  clock.set(START);
  await emulator.reset();
});

const ops = (extra: Parameters<typeof cnameOps>[1]) => cnameOps(emulator.url, extra, () => emulator.now());
const a = () => ops({ bucket: 'examplebucket', credentials: KEY_A });

describe('Signature V4 (header)', () => {
  it('accepts a correctly signed request', async () => {
    expect((await a().list()).status).toBe(200);
  });

  it('rejects an unknown key with InvalidAccessKeyId naming it', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { accessKeyId: 'LTAInope', accessKeySecret: 'x' },
    }).list();
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('InvalidAccessKeyId');
    expect(answer.ec).toBe('0002-00000902');
    expect(xmlText(answer.body, 'Error/OSSAccessKeyId')).toBe('LTAInope');
    expect(xmlText(answer.body, 'Error/Message')).toBe(
      'The OSS Access Key Id you provided does not exist in our records.',
    );
  });

  it('rejects a wrong secret with SignatureDoesNotMatch and everything needed to debug it', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...KEY_A, accessKeySecret: 'wrong' },
    }).list();
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('SignatureDoesNotMatch');
    expect(answer.ec).toBe('0002-00000201');
    const sts = xmlText(answer.body, 'Error/StringToSign') ?? '';
    expect(sts).toMatch(
      /^OSS4-HMAC-SHA256\n20250601T120000Z\n20250601\/cn-hangzhou\/oss\/aliyun_v4_request\n[0-9a-f]{64}$/,
    );
    expect(xmlText(answer.body, 'Error/StringToSignBytes')).toBe(
      [...Buffer.from(sts)].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    );
    expect(xmlText(answer.body, 'Error/SignatureProvided')).toMatch(/^[0-9a-f]{64}$/);
    expect(xmlText(answer.body, 'Error/OSSAccessKeyId')).toBe(KEY_A.accessKeyId);
    expect(xmlText(answer.body, 'Error/CanonicalRequest')).toContain('\n/examplebucket/\ncname\n');
  });

  it('rejects a request whose signed header changed after signing', async () => {
    const answer = await a().list({
      tamper: (h) => {
        h['Content-Type'] = 'text/plain';
      },
    });
    expect(answer.code).toBe('SignatureDoesNotMatch');
  });

  it('signs every query parameter: adding one breaks the signature', async () => {
    const answer = await a().list({ tamper: (_h, q) => void q.push(['extra', '1']) });
    expect(answer.code).toBe('SignatureDoesNotMatch');
  });

  it('answers AccessDenied with EC 0002-00000503 when x-oss-date is missing', async () => {
    const answer = await a().list({ tamper: (h) => void delete h['x-oss-date'] });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
    expect(answer.ec).toBe('0002-00000503');
  });

  it('rejects x-oss-content-sha256 other than UNSIGNED-PAYLOAD', async () => {
    const answer = await a().list({
      tamper: (h) => {
        h['x-oss-content-sha256'] = 'e3b0c442';
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.ec).toBe('0002-00000214');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('x-oss-content-sha256');
    expect(xmlText(answer.body, 'Error/ArgumentValue')).toBe('e3b0c442');
  });

  it('rejects a malformed Authorization header with InvalidArgument', async () => {
    const answer = await a().list({
      tamper: (h) => {
        h.Authorization = 'OSS4-HMAC-SHA256 garbage';
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('Authorization');
  });

  it('rejects a scope date that is not the x-oss-date day', async () => {
    const answer = await a().list({
      tamper: (h) => {
        h.Authorization = (h.Authorization ?? '').replace('/20250601/', '/20250602/');
      },
    });
    expect(answer.code).toBe('InvalidArgument');
  });

  it('verifies AdditionalHeaders such as host, in header and query mode', async () => {
    const host = new URL(emulator.url).host;
    const signed = { additionalHeaders: ['host', 'x-unsent'], headers: { Host: host } };
    expect((await a().info(signed)).status).toBe(200);
    const presigned = ops({ bucket: 'examplebucket', credentials: KEY_A, scheme: 'v4-query' });
    expect((await presigned.info(signed)).status).toBe(200);
    const moved = await a().info({
      ...signed,
      tamper: (h) => void Object.assign(h, { Host: 'localhost:1' }),
    });
    expect(moved.code).toBe('SignatureDoesNotMatch');
    expect(xmlText(moved.body, 'Error/CanonicalRequest')).toContain('\nhost:localhost:1\n');
  });

  it('refuses anonymous requests', async () => {
    const answer = await send(emulator.url, {
      method: 'GET',
      bucket: 'examplebucket',
      query: [['cname', '']],
    });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });
});

describe('request time', () => {
  it.each([
    ['behind', -16 * 60_000],
    ['ahead', 16 * 60_000],
  ])(
    'answers RequestTimeTooSkewed when the caller is 16 min %s, with the correct time in Date',
    async (_, delta) => {
      const signingTime = new Date(START + delta);
      const answer = await a().list({ signingTime });
      expect(answer.status).toBe(403);
      expect(answer.code).toBe('RequestTimeTooSkewed');
      expect(answer.ec).toBe('0002-00000504');
      expect(answer.headers.date).toBe(new Date(START).toUTCString());
    },
  );

  it('accepts 14 minutes of skew', async () => {
    expect((await a().list({ signingTime: new Date(START - 14 * 60_000) })).status).toBe(200);
  });

  it('lets the admin clock offset create the skew, and Date reports the shifted time', async () => {
    await emulator.setClockOffset(3600);
    const answer = await a().list({ signingTime: new Date(START) });
    expect(answer.code).toBe('RequestTimeTooSkewed');
    expect(answer.headers.date).toBe(new Date(START + 3_600_000).toUTCString());
    // A client that corrects its clock from Date succeeds.
    expect((await a().list({ signingTime: new Date(Date.parse(answer.headers.date ?? '')) })).status).toBe(
      200,
    );
  });
});

describe('Signature V1', () => {
  const v1 = () => ops({ bucket: 'examplebucket', credentials: KEY_A, scheme: 'v1' });

  it('accepts a V1 header signature covering the cname/comp sub-resources', async () => {
    expect((await v1().createToken('v1.example.com')).status).toBe(200);
    expect((await v1().getToken('v1.example.com')).status).toBe(200);
  });

  it('answers SignatureDoesNotMatch with the V1 EC and string to sign', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...KEY_A, accessKeySecret: 'bad' },
      scheme: 'v1',
    }).list();
    expect(answer.code).toBe('SignatureDoesNotMatch');
    expect(answer.ec).toBe('0002-00000040');
    expect(xmlText(answer.body, 'Error/StringToSign')).toBe(
      `GET\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/xml\n${new Date(START).toUTCString()}\n/examplebucket/?cname`,
    );
  });

  it('needs a Date', async () => {
    const answer = await v1().list({ tamper: (h) => void delete h.Date });
    expect(answer.code).toBe('AccessDenied');
    expect(answer.ec).toBe('0002-00000503');
  });

  it('accepts presigned V1 URLs until they expire', async () => {
    expect(
      (await ops({ bucket: 'examplebucket', credentials: KEY_A, scheme: 'v1-query' }).list()).status,
    ).toBe(200);
    const late = await ops({ bucket: 'examplebucket', credentials: KEY_A, scheme: 'v1-query' }).list({
      signingTime: new Date(START - 3600_000),
    });
    expect(late.code).toBe('AccessDenied');
  });
});

describe('presigned V4 URLs', () => {
  const presigned = () => ops({ bucket: 'examplebucket', credentials: KEY_A, scheme: 'v4-query' });

  it('accepts a presigned request', async () => {
    expect((await presigned().info()).status).toBe(200);
  });

  it('rejects a tampered signature', async () => {
    const answer = await presigned().info({
      tamper: (_h, q) => {
        const sig = q.find(([k]) => k === 'x-oss-signature');
        if (sig) sig[1] = sig[1].replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
      },
    });
    expect(answer.code).toBe('SignatureDoesNotMatch');
    expect(answer.ec).toBe('0002-00000201');
  });

  it('rejects an expired URL', async () => {
    const answer = await presigned().info({ signingTime: new Date(START - 16 * 60_000) });
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });

  it('carries STS tokens in the query', async () => {
    expect(
      (await ops({ bucket: 'examplebucket', credentials: STS_KEY, scheme: 'v4-query' }).info()).status,
    ).toBe(200);
  });
});

describe('STS security tokens', () => {
  it('accepts an STS key with its token', async () => {
    expect((await ops({ bucket: 'examplebucket', credentials: STS_KEY }).list()).status).toBe(200);
  });

  it('rejects an STS key without its token', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...STS_KEY, securityToken: undefined },
    }).list();
    expect(answer.code).toBe('InvalidSecurityToken');
    expect(answer.ec).toBe('0002-00000008');
  });

  it('rejects a forged token', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...STS_KEY, securityToken: 'forged' },
    }).list();
    expect(answer.code).toBe('InvalidSecurityToken');
  });

  it('rejects another key’s token with AccessKeyIdAndSecurityTokenNotMatch', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...STS_KEY, securityToken: STS_KEY_2.securityToken },
    }).list();
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessKeyIdAndSecurityTokenNotMatch');
    expect(answer.ec).toBe('0002-00000004');
  });

  it('rejects a token on a permanent key', async () => {
    const answer = await ops({
      bucket: 'examplebucket',
      credentials: { ...KEY_A, securityToken: 'forged' },
    }).list();
    expect(answer.code).toBe('InvalidSecurityToken');
  });

  it('works with V1 too', async () => {
    expect((await ops({ bucket: 'examplebucket', credentials: STS_KEY, scheme: 'v1' }).list()).status).toBe(
      200,
    );
  });
});

describe('access', () => {
  it('refuses another account’s bucket with AccessDenied', async () => {
    const answer = await ops({ bucket: 'foreignbucket', credentials: KEY_A }).list();
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
  });

  it('refuses a denied action for that key only', async () => {
    const restricted = ops({ bucket: 'examplebucket', credentials: RESTRICTED_KEY });
    const denied = await restricted.put('denied.example.com');
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('AccessDenied');
    expect(xmlText(denied.body, 'Error/Message')).toContain('oss:PutCname');
    expect((await restricted.list()).status).toBe(200);
  });

  it('answers NoSuchBucket before looking at the signature', async () => {
    const answer = await ops({
      bucket: 'nosuchbucket',
      credentials: { accessKeyId: 'unknown', accessKeySecret: 'x' },
    }).list();
    expect(answer.code).toBe('NoSuchBucket');
  });
});

describe('wrong region', () => {
  const wrongEndpoint =
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.';

  it('refuses a V4 scope naming another region and names the right endpoint', async () => {
    const answer = await ops({ bucket: 'beijingbucket', credentials: KEY_A, region: 'cn-hangzhou' }).info();
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('AccessDenied');
    expect(xmlText(answer.body, 'Error/Message')).toBe(wrongEndpoint);
    expect(xmlText(answer.body, 'Error/Endpoint')).toBe('oss-cn-beijing.aliyuncs.com');
  });

  it('refuses a virtual-hosted Host naming another region, even with V1', async () => {
    const answer = await ops({ bucket: 'beijingbucket', credentials: KEY_A, scheme: 'v1' }).info({
      host: 'beijingbucket.oss-cn-hangzhou.aliyuncs.com',
    });
    expect(answer.code).toBe('AccessDenied');
    expect(xmlText(answer.body, 'Error/Endpoint')).toBe('oss-cn-beijing.aliyuncs.com');
  });

  it('answers GetBucketLocation whatever region the scope names: that is how clients discover it', async () => {
    const answer = await ops({
      bucket: 'beijingbucket',
      credentials: KEY_A,
      region: 'cn-shanghai',
      style: 'virtual',
    }).location();
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'LocationConstraint')).toBe('oss-cn-beijing');
  });

  it('accepts the right region', async () => {
    expect(
      (
        await ops({
          bucket: 'beijingbucket',
          credentials: KEY_A,
          region: 'cn-beijing',
          style: 'virtual',
        }).info()
      ).status,
    ).toBe(200);
  });
});

describe('another account', () => {
  it('cannot use its key on account A’s bucket but can on its own', async () => {
    expect((await ops({ bucket: 'examplebucket', credentials: KEY_B }).list()).code).toBe('AccessDenied');
    expect((await ops({ bucket: 'foreignbucket', credentials: KEY_B }).list()).status).toBe(200);
  });
});
