// The CNAME state model (protocol §7), first half: ownership tokens and how PutCname verifies them
// through real DNS.

import { createSocket, type Socket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { buildEmulator } from '../../src/emulator/index.ts';
import { createCnameToken, getCnameToken, putCname } from '../../src/oss/index.ts';
import { useClockedEmulator } from './helpers/clocked.ts';
import { KEY_A, TEST_SEED } from './helpers/emulator.ts';
import { bind, publishToken, tokenFor } from './helpers/lifecycle.ts';
import { emulatorBucket, serviceError, statusOf } from './helpers/oss.ts';

const START = Date.parse('2025-03-04T05:06:07Z');
const HOUR = 3_600_000;
const env = useClockedEmulator(START);

const example = () => env.ops();

describe('CreateCnameToken and GetCnameToken', () => {
  it('mints a 32-hex token valid for 72 hours and returns it again while valid', async () => {
    const created = await example().createToken('static.example.com');
    expect(created.status).toBe(200);
    expect(created.bucket).toBe('examplebucket');
    expect(created.domain).toBe('static.example.com');
    expect(created.token).toMatch(/^[0-9a-f]{32}$/);
    expect(created.expireTime.raw).toBe('Fri, 07 Mar 2025 05:06:07 GMT');
    env.clock.advance(HOUR);
    const again = await example().createToken('static.example.com');
    expect(again.token).toBe(created.token);
    expect(again.expireTime.raw).toBe('Fri, 07 Mar 2025 05:06:07 GMT');
    expect(await example().getToken('static.example.com')).toMatchObject({
      bucket: again.bucket,
      domain: again.domain,
      token: again.token,
      expireTime: again.expireTime,
    });
    // Byte for byte, GetCnameToken's body is CreateCnameToken's without the RequestId.
    const input = { bucket: 'examplebucket', domain: 'static.example.com' };
    const createdRaw = await env.raw(createCnameToken, input);
    const fetchedRaw = await env.raw(getCnameToken, input);
    expect(fetchedRaw.body).toBe(createdRaw.body.replace(/<RequestId>.*<\/RequestId>/, ''));
  });

  it('lets the token expire after 72 hours, then mints a new one', async () => {
    const first = await tokenFor(example(), 'static.example.com');
    env.clock.advance(72 * HOUR);
    const missing = await serviceError(example().getToken('static.example.com'));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('CnameTokenNotFound');
    expect(await tokenFor(example(), 'static.example.com')).not.toBe(first);
  });

  it('answers CnameTokenNotFound with EC, Bucket and Cname when no token was created', async () => {
    const answer = await serviceError(example().getToken('never.example.com'));
    expect(answer.status).toBe(404);
    expect(answer.code).toBe('CnameTokenNotFound');
    expect(answer.ec).toBe('0018-00000301');
    expect(answer.serverMessage).toBe('Cname token not found.');
    expect(answer.fields.Bucket).toBe('examplebucket');
    expect(answer.fields.Cname).toBe('never.example.com');
  });

  it('requires the cname parameter of GetCnameToken', async () => {
    // The client always sends it (and checks the domain); this variant leaves it out.
    const withoutCname = { ...getCnameToken, query: () => [['comp', 'token']] as const, validate: undefined };
    const answer = await serviceError(
      example().client.invoke(withoutCname, { bucket: 'examplebucket', domain: '' }),
    );
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.fields.ArgumentName).toBe('cname');
  });

  it('answers NoNeedCreateCnameToken once the domain is bound to the bucket', async () => {
    await bind(env.emulator, example(), 'static.example.com');
    const answer = await serviceError(example().createToken('static.example.com'));
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('NoNeedCreateCnameToken');
    expect(answer.ec).toBe('0018-00000302');
  });

  it('keeps tokens per bucket', async () => {
    const a = await tokenFor(example(), 'static.example.com');
    const b = await tokenFor(env.ops('otherbucket'), 'static.example.com');
    expect(a).not.toBe(b);
  });

  it('allows at most 1000 live tokens per bucket', async () => {
    const ops = example();
    for (let batch = 0; batch < 1000; batch += 100) {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => statusOf(ops.createToken(`d${batch + i}.example.com`))),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    const refused = await serviceError(ops.createToken('one-too-many.example.com'));
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('TooManyCnameToken');
    expect(refused.serverMessage).toBe('You have attempted to create more cname token than allowed.');
    expect(refused.fields.Bucket).toBe('examplebucket');
    // An existing token is still handed out, and expiry frees the quota.
    expect((await ops.createToken('d5.example.com')).status).toBe(200);
    env.clock.advance(73 * HOUR);
    expect((await ops.createToken('one-too-many.example.com')).status).toBe(200);
  });
});

describe('PutCname ownership verification through DNS', () => {
  it('binds once TXT _dnsauth.<domain> holds the token', async () => {
    const ops = example();
    const token = await tokenFor(ops, 'static.example.com');
    const before = await serviceError(ops.put('static.example.com'));
    expect(before.status).toBe(403);
    expect(before.code).toBe('NeedVerifyDomainOwnership');
    expect(before.ec).toBe('0018-00000115');
    expect(before.serverMessage).toBe('Please verify domain ownership by CreateCnameToken and try again.');
    await env.emulator.setDnsRecord('_dnsauth.static.example.com', { type: 'TXT', values: [token] });
    const after = await env.raw(putCname, { bucket: 'examplebucket', domain: 'static.example.com' });
    expect(after.status).toBe(200);
    expect(after.body).toBe('');
  });

  it('refuses a TXT record holding something else', async () => {
    await tokenFor(example(), 'static.example.com');
    await env.emulator.setDnsRecord('_dnsauth.static.example.com', {
      type: 'TXT',
      values: ['0123456789abcdef0123456789abcdef'],
    });
    expect((await serviceError(example().put('static.example.com'))).code).toBe('NeedVerifyDomainOwnership');
  });

  it('refuses without any token even when some TXT exists', async () => {
    await env.emulator.setDnsRecord('_dnsauth.static.example.com', { type: 'TXT', values: ['whatever'] });
    expect((await serviceError(example().put('static.example.com'))).code).toBe('NeedVerifyDomainOwnership');
  });

  it('accepts the most recent token even after it expired', async () => {
    await publishToken(env.emulator, example(), 'static.example.com');
    env.clock.advance(80 * HOUR);
    expect((await example().put('static.example.com')).status).toBe(200);
  });

  it('follows a CNAME at _dnsauth to the TXT record', async () => {
    const token = await tokenFor(example(), 'static.example.com');
    await env.emulator.setDnsRecord('_dnsauth.static.example.com', {
      type: 'CNAME',
      values: ['verify.example.net'],
    });
    await env.emulator.setDnsRecord('verify.example.net', { type: 'TXT', values: [token] });
    expect((await example().put('static.example.com')).status).toBe(200);
  });

  it('treats a resolver that never answers as unverified', async () => {
    const silent: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const deaf = await buildEmulator({
      seed: TEST_SEED,
      log: () => {},
      dnsResolver: { host: '127.0.0.1', port: silent.address().port },
      dnsTimeoutMs: 50,
    });
    try {
      const ops = emulatorBucket(deaf.url, 'examplebucket', { credentials: KEY_A });
      await publishToken(deaf, ops, 'static.example.com');
      expect((await serviceError(ops.put('static.example.com'))).code).toBe('NeedVerifyDomainOwnership');
    } finally {
      await deaf.close();
      silent.close();
    }
  });
});
