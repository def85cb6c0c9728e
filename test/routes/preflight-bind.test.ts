// The DNS pre-flight before every bind of a new domain, against the emulator's real DNS server with
// deliberately broken zones: each refusal says what to fix and when to retry, and PutCname never reaches
// OSS while the TXT record is missing or wrong.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OssClient } from '../../src/oss/index.ts';
import { createCnameToken } from '../../src/oss/index.ts';
import { type SilentServer, silentUdpServer } from '../dns/helpers.ts';
import { bindDirectly, clientFor, tripwire } from '../helpers/direct-oss.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
/** The emulator's DNS server caches negative answers this long (its SOA TTL and MINIMUM). */
const NEGATIVE_TTL = 60;
const onlyExamplebucket = testKey('only-examplebucket', { buckets: ['examplebucket'] });

let stack: Stack;
let direct: OssClient;

beforeAll(async () => {
  stack = await startStack({ keys: [onlyExamplebucket] });
  direct = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
});
afterAll(async () => {
  await direct.close();
  await stack.close();
});
beforeEach(() => stack.emulator.reset());

async function createToken(domain: string, bucket = 'examplebucket'): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: `/buckets/${bucket}/cname-tokens`,
    headers: stack.admin.headers,
    payload: { domain },
  });
  expect(res.statusCode).toBe(201);
  return res.json().token;
}

function put(domain: string, bucket = 'examplebucket', headers = stack.admin.headers) {
  return stack.app.inject({ method: 'PUT', url: `/buckets/${bucket}/cnames/${domain}`, headers });
}

interface Check {
  id: string;
  status: string;
  fix: string;
}

function checkOf(body: { preflight: { checks: Check[] } }, id: string): Check | undefined {
  return body.preflight.checks.find((check) => check.id === id);
}

describe('a bind whose TXT record OSS cannot see', () => {
  it('is refused with 409 dns-not-ready, the record to publish and Retry-After, before PutCname', async () => {
    const token = await createToken(DOMAIN);
    const received = tripwire(stack.emulator, 'PutCname');
    const sent = stack.operations().length;
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe(String(NEGATIVE_TTL));
    const body = res.json();
    expect(body).toMatchObject({
      code: 'dns-not-ready',
      retryAfterSeconds: NEGATIVE_TTL,
      dnsRecord: {
        name: `_dnsauth.${DOMAIN}`,
        zone: 'example.com',
        zoneSource: 'dns',
        host: '_dnsauth.www',
        value: token,
      },
      preflight: { domain: DOMAIN, verdict: 'fail', zone: { name: 'example.com' } },
    });
    expect(checkOf(body, 'ownership-txt')).toMatchObject({
      status: 'fail',
      fix: `Publish a TXT record with host "_dnsauth.www" in zone example.com and value ${token}.`,
      ttl: NEGATIVE_TTL,
    });
    expect(body.detail).toContain(`Publish a TXT record with host "_dnsauth.www"`);
    expect(body.detail).toContain(`retry after about ${NEGATIVE_TTL} s`);
    // Proven at both ends: the service sent no PutCname, and the emulator received none.
    expect(stack.operations().slice(sent)).not.toContain('PutCname');
    expect(received()).toBe(0);
    expect(stack.emulator.state().bindings).toEqual([]);
  });

  it('names the record typed with the zone twice and the host to type instead', async () => {
    const token = await createToken(DOMAIN);
    await stack.emulator.setDnsRecord(`_dnsauth.${DOMAIN}.example.com`, { type: 'TXT', values: [token] });
    const received = tripwire(stack.emulator, 'PutCname');
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(409);
    const body = res.json();
    const fix = `Delete the TXT record at _dnsauth.${DOMAIN}.example.com and create it with host "_dnsauth.www": the console appends example.com itself.`;
    expect(checkOf(body, 'txt-doubled-suffix')).toMatchObject({ status: 'fail', fix });
    expect(body.detail).toContain(fix);
    expect(received()).toBe(0);
  });

  it('shows a stale token it found, and takes Retry-After from that record’s TTL', async () => {
    const token = await createToken(DOMAIN);
    await stack.emulator.setDnsRecord(`_dnsauth.${DOMAIN}`, {
      type: 'TXT',
      values: ['0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld00'],
      ttl: 45,
    });
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('45');
    expect(checkOf(res.json(), 'ownership-txt')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('"0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld00"'),
      fix: `Set the TXT record at host "_dnsauth.www" to ${token}.`,
    });
  });

  it('points out quotes pasted around the token', async () => {
    const token = await createToken(DOMAIN);
    await stack.emulator.setDnsRecord(`_dnsauth.${DOMAIN}`, { type: 'TXT', values: [`"${token}"`] });
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(409);
    expect(checkOf(res.json(), 'ownership-txt')?.fix).toContain('without quotes or spaces');
  });

  it('tells a mainland-China bucket that an ICP filing comes next, apart from DNS', async () => {
    await createToken('shop.example.com', 'beijingbucket');
    const res = await put('shop.example.com', 'beijingbucket');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('dns-not-ready');
    expect(res.json().detail).toMatch(/cn-beijing, a mainland China region: .*ICP filing/);
  });

  it('never refuses on a cached answer: a record published right after a refusal binds at once', async () => {
    const token = await createToken(DOMAIN);
    expect((await put(DOMAIN)).statusCode).toBe(409);
    await stack.publishToken(DOMAIN, token);
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(201);
    expect(checkOf(res.json(), 'ownership-txt')).toMatchObject({ status: 'pass' });
  });
});

describe('a bind whose TXT record is published', () => {
  it('binds, and the answer carries what is left to do', async () => {
    const token = await createToken(DOMAIN);
    await stack.publishToken(DOMAIN, token);
    const received = tripwire(stack.emulator, 'PutCname');
    const res = await put(DOMAIN);
    expect(res.statusCode).toBe(201);
    expect(received()).toBe(1);
    const body = res.json();
    expect(body.preflight.verdict).toBe('pending');
    expect(checkOf(body, 'ownership-txt')).toMatchObject({ status: 'pass', fix: 'Nothing to do.' });
    expect(checkOf(body, 'cname-target')).toMatchObject({
      status: 'pending',
      fix: 'Create a CNAME record with host "www" pointing to examplebucket.oss-cn-hangzhou.aliyuncs.com.',
    });
  });
});

describe('a domain held by another bucket of the account', () => {
  let fresh: Stack;
  let other: OssClient;
  beforeAll(async () => {
    // Each test binds the domain elsewhere anew: scan the account every time.
    fresh = await startStack({
      keys: [onlyExamplebucket],
      config: (c) => ({ ...c, CONFLICT_SCAN_CACHE_MS: 0 }),
    });
    other = clientFor(fresh, 'LTAI5tServiceKey', 'service-secret');
  });
  afterAll(async () => {
    await other.close();
    await fresh.close();
  });
  beforeEach(async () => {
    await fresh.emulator.reset();
    await bindDirectly(other, fresh, 'siblingbucket', DOMAIN);
    // The record that verified the sibling is gone; a new token for examplebucket is not published.
    await fresh.emulator.deleteDnsRecord(`_dnsauth.${DOMAIN}`);
    await other.invoke(createCnameToken, { bucket: 'examplebucket', domain: DOMAIN });
  });

  const freshPut = (headers = fresh.admin.headers) =>
    fresh.app.inject({ method: 'PUT', url: `/buckets/examplebucket/cnames/${DOMAIN}`, headers });

  it('is named before DNS matters, without PutCname, when the key covers that bucket', async () => {
    const received = tripwire(fresh.emulator, 'PutCname');
    const res = await freshPut();
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'domain-bound-to-other-bucket',
      heldBy: { bucket: 'siblingbucket', region: 'cn-hangzhou' },
      detail: expect.stringContaining('DELETE /buckets/siblingbucket/cnames/www.example.com'),
      preflight: { verdict: 'fail' },
    });
    expect(received()).toBe(0);
  });

  it('is not named to a key that does not cover that bucket', async () => {
    const res = await freshPut(onlyExamplebucket.headers);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'domain-bound-to-other-bucket', heldBy: null });
    expect(res.body).not.toContain('siblingbucket');
  });
});

describe('when the service cannot reach its resolvers', () => {
  let dark: Stack;
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await silentUdpServer();
    dark = await startStack({
      config: (c) => ({
        ...c,
        DNS_RESOLVERS: [silent.address],
        DNS_AUTHORITATIVE_PORT: silent.address.port,
        DNS_TIMEOUT_MS: 100,
      }),
    });
  });
  afterAll(async () => {
    await dark.close();
    await silent.close();
  });

  const darkPut = () =>
    dark.app.inject({
      method: 'PUT',
      url: `/buckets/examplebucket/cnames/${DOMAIN}`,
      headers: dark.admin.headers,
    });
  const darkToken = async () =>
    (
      await dark.app.inject({
        method: 'POST',
        url: '/buckets/examplebucket/cname-tokens',
        headers: dark.admin.headers,
        payload: { domain: DOMAIN },
      })
    ).json();

  it('lets OSS decide, and binds when OSS sees the record', async () => {
    const created = await darkToken();
    // DNS could not tell the zone: the host falls back to the guess.
    expect(created.dnsRecords[0]).toMatchObject({ zone: 'example.com', zoneSource: 'guess' });
    await dark.publishToken(DOMAIN, created.token);
    const res = await darkPut();
    expect(res.statusCode).toBe(201);
    expect(res.json().preflight).toMatchObject({ verdict: 'pending' });
    expect(checkOf(res.json(), 'ownership-txt')).toMatchObject({
      status: 'pending',
      fix: 'Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.',
    });
    await dark.emulator.reset();
  });

  it('passes on OSS’s refusal with the checks and a Retry-After', async () => {
    const created = await darkToken();
    const res = await darkPut();
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json()).toMatchObject({
      code: 'domain-ownership-unverified',
      ossCode: 'NeedVerifyDomainOwnership',
      dnsRecord: { value: created.token },
      preflight: { verdict: 'pending' },
    });
    await dark.emulator.reset();
  });
});
