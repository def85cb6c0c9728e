// Signature verification: V4 in the header and in presigned URLs, V1, and the request-time window; every
// error code with its EC and extra elements.

import { describe, expect, it } from 'vitest';
import { authCalls, bucketInfoCall, code, ec } from './helpers/auth-calls.ts';
import { useClockedEmulator } from './helpers/clocked.ts';
import { KEY_A, STS_KEY } from './helpers/emulator.ts';
import { bucketOps, emulatorOss, serviceError } from './helpers/oss.ts';
import { signedV4 } from './helpers/signed.ts';
import { xmlText } from './helpers/xml.ts';

const START = Date.parse('2025-06-01T12:00:00Z');
const env = useClockedEmulator(START);
const { ops, a, listRequest, send, presign } = authCalls(env);

describe('Signature V4 (header)', () => {
  it('accepts a correctly signed request', async () => {
    expect((await a().list()).status).toBe(200);
  });

  it('rejects an unknown key with InvalidAccessKeyId naming it', async () => {
    const answer = await serviceError(
      ops({ credentials: { accessKeyId: 'LTAInope', accessKeySecret: 'x' } }).list(),
    );
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('InvalidAccessKeyId');
    expect(answer.ec).toBe('0002-00000902');
    expect(answer.fields.OSSAccessKeyId).toBe('LTAInope');
    expect(answer.serverMessage).toBe('The OSS Access Key Id you provided does not exist in our records.');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch and everything needed to debug it', async () => {
    // Raw: the client redacts SignatureProvided, which this test wants to see.
    const answer = await send(listRequest({ credentials: { ...KEY_A, accessKeySecret: 'wrong' } }));
    expect(answer.status).toBe(403);
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
    expect(ec(answer.body)).toBe('0002-00000201');
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
    const req = listRequest();
    req.headers['Content-Type'] = 'text/plain';
    expect(code((await send(req)).body)).toBe('SignatureDoesNotMatch');
  });

  it('signs every query parameter: adding one breaks the signature', async () => {
    const req = listRequest();
    const answer = await send({ ...req, target: `${req.target}&extra=1` });
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
  });

  it('answers AccessDenied with EC 0002-00000503 when x-oss-date is missing', async () => {
    const req = listRequest();
    delete req.headers['x-oss-date'];
    const answer = await send(req);
    expect(answer.status).toBe(403);
    expect(code(answer.body)).toBe('AccessDenied');
    expect(ec(answer.body)).toBe('0002-00000503');
  });

  it('rejects x-oss-content-sha256 other than UNSIGNED-PAYLOAD', async () => {
    const req = listRequest();
    req.headers['x-oss-content-sha256'] = 'e3b0c442';
    const answer = await send(req);
    expect(answer.status).toBe(400);
    expect(code(answer.body)).toBe('InvalidArgument');
    expect(ec(answer.body)).toBe('0002-00000214');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('x-oss-content-sha256');
    expect(xmlText(answer.body, 'Error/ArgumentValue')).toBe('e3b0c442');
  });

  it('rejects a malformed Authorization header with InvalidArgument', async () => {
    const req = listRequest();
    req.headers.Authorization = 'OSS4-HMAC-SHA256 garbage';
    const answer = await send(req);
    expect(answer.status).toBe(400);
    expect(code(answer.body)).toBe('InvalidArgument');
    expect(xmlText(answer.body, 'Error/ArgumentName')).toBe('Authorization');
  });

  it('rejects a scope date that is not the x-oss-date day', async () => {
    const req = listRequest();
    req.headers.Authorization = (req.headers.Authorization ?? '').replace('/20250601/', '/20250602/');
    expect(code((await send(req)).body)).toBe('InvalidArgument');
  });

  it('verifies AdditionalHeaders such as host, in header and query mode', async () => {
    // OperationSpec has no AdditionalHeaders (the service signs none): signed by the signer itself.
    const host = new URL(env.emulator.url).host;
    const signed = {
      credentials: KEY_A,
      signingTime: new Date(env.emulator.now()),
      additionalHeaders: ['host', 'x-unsent'],
      headers: { Host: host },
    };
    expect((await send(signedV4(env.emulator.url, bucketInfoCall, signed))).status).toBe(200);
    expect((await send(presign('v4', bucketInfoCall, signed))).status).toBe(200);
    const moved = signedV4(env.emulator.url, bucketInfoCall, signed);
    moved.headers.Host = 'localhost:1';
    const answer = await send(moved);
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
    expect(xmlText(answer.body, 'Error/CanonicalRequest')).toContain('\nhost:localhost:1\n');
  });

  it('refuses anonymous requests', async () => {
    const req = listRequest();
    for (const name of Object.keys(req.headers)) {
      if (name === 'Authorization' || name.startsWith('x-oss-')) delete req.headers[name];
    }
    const answer = await send(req);
    expect(answer.status).toBe(403);
    expect(code(answer.body)).toBe('AccessDenied');
  });
});

describe('request time', () => {
  const at = (ms: number) =>
    bucketOps(emulatorOss(env.emulator.url, { credentials: KEY_A, clock: () => ms }), 'examplebucket');

  it.each([
    ['behind', -16 * 60_000],
    ['ahead', 16 * 60_000],
  ])(
    'answers RequestTimeTooSkewed when the caller is 16 min %s, with the correct time in Date',
    async (_, delta) => {
      const answer = await serviceError(at(START + delta).list());
      expect(answer.status).toBe(403);
      expect(answer.code).toBe('RequestTimeTooSkewed');
      expect(answer.ec).toBe('0002-00000504');
      expect(answer.headers.date).toBe(new Date(START).toUTCString());
    },
  );

  it('accepts 14 minutes of skew', async () => {
    expect((await at(START - 14 * 60_000).list()).status).toBe(200);
  });

  it('lets the admin clock offset create the skew, and Date reports the shifted time', async () => {
    await env.emulator.setClockOffset(3600);
    const skewed = at(START);
    const answer = await serviceError(skewed.list());
    expect(answer.code).toBe('RequestTimeTooSkewed');
    expect(answer.headers.date).toBe(new Date(START + 3_600_000).toUTCString());
    // A client that corrects its clock from Date succeeds: the service's client does so by itself.
    expect(skewed.client.clockOffsetMs).toBe(3_600_000);
    expect((await skewed.list()).status).toBe(200);
    expect((await at(Date.parse(answer.headers.date ?? '')).list()).status).toBe(200);
  });
});

describe('presigned V4 URLs', () => {
  it('accepts a presigned request', async () => {
    expect((await send(presign('v4', bucketInfoCall))).status).toBe(200);
  });

  it('rejects a tampered signature', async () => {
    const req = presign('v4', bucketInfoCall);
    const target = req.target.replace(
      /(x-oss-signature=)(.)/,
      (_, name: string, c: string) => name + (c === 'a' ? 'b' : 'a'),
    );
    expect(target).not.toBe(req.target);
    const answer = await send({ ...req, target });
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
    expect(ec(answer.body)).toBe('0002-00000201');
  });

  it('rejects an expired URL', async () => {
    const answer = await send(presign('v4', bucketInfoCall, { signingTime: new Date(START - 16 * 60_000) }));
    expect(answer.status).toBe(403);
    expect(code(answer.body)).toBe('AccessDenied');
  });

  it('carries STS tokens in the query', async () => {
    expect((await send(presign('v4', bucketInfoCall, { credentials: STS_KEY }))).status).toBe(200);
  });
});

describe('Signature V1', () => {
  const v1 = () => ops({ signatureVersion: 'v1' });

  it('accepts a V1 header signature covering the cname/comp sub-resources', async () => {
    expect((await v1().createToken('v1.example.com')).status).toBe(200);
    expect((await v1().getToken('v1.example.com')).status).toBe(200);
  });

  it('answers SignatureDoesNotMatch with the V1 EC and string to sign', async () => {
    const answer = await serviceError(
      ops({ credentials: { ...KEY_A, accessKeySecret: 'bad' }, signatureVersion: 'v1' }).list(),
    );
    expect(answer.code).toBe('SignatureDoesNotMatch');
    expect(answer.ec).toBe('0002-00000040');
    expect(answer.fields.StringToSign).toBe(
      `GET\n1B2M2Y8AsgTpgAmY7PhCfg==\napplication/xml\n${new Date(START).toUTCString()}\n/examplebucket/?cname`,
    );
  });

  it('needs a Date', async () => {
    const req = listRequest({ signatureVersion: 'v1' });
    delete req.headers.Date;
    const answer = await send(req);
    expect(code(answer.body)).toBe('AccessDenied');
    expect(ec(answer.body)).toBe('0002-00000503');
  });

  it('accepts presigned V1 URLs until they expire', async () => {
    const call = { method: 'GET', bucket: 'examplebucket', query: [['cname', '']] } as const;
    expect((await send(presign('v1', call))).status).toBe(200);
    const late = await send(presign('v1', call, { signingTime: new Date(START - 3600_000) }));
    expect(code(late.body)).toBe('AccessDenied');
  });
});
