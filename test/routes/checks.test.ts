// GET /buckets/:bucket/cnames/:domain/checks against the emulator's DNS server, with zones broken on
// purpose. Each test uses its own names: the service's DNS cache spans requests (and tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const TARGET = 'examplebucket.oss-cn-hangzhou.aliyuncs.com';
const writer = testKey('writer', { actions: ['cname:write'] });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ keys: [writer] });
});
afterAll(() => stack.close());

const checks = (domain: string, headers = stack.admin.headers, bucket = 'examplebucket') =>
  stack.app.inject({ method: 'GET', url: `/buckets/${bucket}/cnames/${domain}/checks`, headers });

async function tokenFor(domain: string): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: '/buckets/examplebucket/cname-tokens',
    headers: stack.admin.headers,
    payload: { domain },
  });
  return res.json().token;
}

async function bind(domain: string): Promise<void> {
  await stack.publishToken(domain, await tokenFor(domain));
  const res = await stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${domain}`,
    headers: stack.admin.headers,
  });
  expect(res.statusCode).toBe(201);
}

const cname = (name: string, target: string) =>
  stack.emulator.setDnsRecord(name, { type: 'CNAME', values: [target], ttl: 300 });

interface Check {
  id: string;
  status: string;
  fix: string;
}

function check(body: { checks: Check[] }, id: string): Check | undefined {
  return body.checks.find((c) => c.id === id);
}

describe('GET /buckets/:bucket/cnames/:domain/checks', () => {
  it('before a token exists: says to create one, and shows the CNAME still to make', async () => {
    const res = await checks('a1.example.com');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      bucket: 'examplebucket',
      domain: 'a1.example.com',
      bound: false,
      cnameTarget: TARGET,
      verdict: 'fail',
      dnsRecords: [],
      zone: { name: 'example.com' },
    });
    expect(check(body, 'ownership-txt')).toMatchObject({
      status: 'fail',
      fix: 'Create a CNAME token for a1.example.com, then publish it as TXT _dnsauth.a1.example.com.',
    });
    expect(check(body, 'cname-target')).toMatchObject({
      status: 'pending',
      fix: `Create a CNAME record with host "a1" pointing to ${TARGET}.`,
    });
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('passes a correct setup, with the TXT record to publish shown from the live token', async () => {
    const token = await tokenFor('a2.example.com');
    await stack.publishToken('a2.example.com', token);
    await cname('a2.example.com', TARGET);
    const body = (await checks('a2.example.com')).json();
    expect(body.verdict).toBe('pass');
    expect(body.retryAfterSeconds).toBeUndefined();
    expect(body.checks.map((c: { status: string }) => c.status)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(body.dnsRecords).toEqual([
      {
        type: 'TXT',
        name: '_dnsauth.a2.example.com',
        zone: 'example.com',
        zoneSource: 'dns',
        host: '_dnsauth.a2',
        value: token,
      },
    ]);
    expect(check(body, 'cname-target')).toMatchObject({ ttl: 300 });
  });

  it('fails A records sitting beside the CNAME', async () => {
    await cname('a3.example.com', TARGET);
    await stack.emulator.setDnsRecord('a3.example.com', { type: 'A', values: ['192.0.2.10'] });
    const body = (await checks('a3.example.com')).json();
    expect(check(body, 'address-conflict')).toMatchObject({
      status: 'fail',
      fix: 'Delete the A/AAAA records with host "a3" and keep only the CNAME.',
      observed: { addresses: ['192.0.2.10'], hasCname: true },
    });
  });

  it('fails a CNAME chained through another custom domain of the bucket', async () => {
    // Records first: binding cdn4 runs a pre-flight whose answers the service then caches.
    await cname('cdn4.example.com', TARGET);
    await cname('a4.example.com', 'cdn4.example.com');
    await bind('cdn4.example.com');
    const body = (await checks('a4.example.com')).json();
    expect(check(body, 'cname-target')?.status).toBe('pass');
    expect(check(body, 'cname-chain')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('goes through the custom domain cdn4.example.com'),
      fix: `Point the CNAME record with host "a4" directly at ${TARGET}.`,
    });
  });

  it('after binding: a missing CNAME fails, the TXT record no longer matters', async () => {
    await bind('a5.example.com');
    await stack.emulator.deleteDnsRecord('_dnsauth.a5.example.com');
    const body = (await checks('a5.example.com')).json();
    expect(body).toMatchObject({ bound: true, verdict: 'fail', dnsRecords: [] });
    expect(check(body, 'ownership-txt')).toMatchObject({ status: 'pass' });
    expect(check(body, 'cname-target')).toMatchObject({
      status: 'fail',
      summary: 'a5.example.com has no CNAME record, so requests do not reach the bucket.',
    });
  });

  it('finds a delegated zone and its name servers, and gives hosts relative to it', async () => {
    await stack.emulator.setDnsRecord('shop.example.com', { type: 'NS', values: ['ns1.shop.example.com'] });
    await stack.emulator.setDnsRecord('ns1.shop.example.com', { type: 'A', values: ['127.0.0.1'] });
    const token = await tokenFor('img.shop.example.com');
    const body = (await checks('img.shop.example.com')).json();
    expect(body.zone).toEqual({
      name: 'shop.example.com',
      nameServers: [{ host: 'ns1.shop.example.com', addresses: ['127.0.0.1'] }],
    });
    expect(body.dnsRecords[0]).toMatchObject({
      zone: 'shop.example.com',
      host: '_dnsauth.img',
      value: token,
    });
    expect(check(body, 'ownership-txt')?.fix).toBe(
      `Publish a TXT record with host "_dnsauth.img" in zone shop.example.com and value ${token}.`,
    );
  });

  it('needs cname:read and a domain in scope; a missing bucket is 404', async () => {
    expect((await checks('a7.example.com', writer.headers)).json()).toMatchObject({
      status: 403,
      code: 'action-not-allowed',
    });
    expect((await checks('a7.example.com', stack.admin.headers, 'nosuchbucket')).json()).toMatchObject({
      status: 404,
      code: 'bucket-not-found',
    });
    expect((await checks('_dnsauth.example.com')).json()).toMatchObject({
      status: 400,
      code: 'invalid-domain',
    });
  });
});

describe('the DNS cache', () => {
  it('never shows a record published a moment ago as missing: answers short of pass are looked up again', async () => {
    const token = await tokenFor('a8.example.com');
    expect(check((await checks('a8.example.com')).json(), 'ownership-txt')?.status).toBe('fail');
    await stack.publishToken('a8.example.com', token);
    expect(check((await checks('a8.example.com')).json(), 'ownership-txt')?.status).toBe('pass');
  });

  it('spans requests for a ready domain: a passing answer is reused within DNS_CACHE_TTL_MS', async () => {
    const token = await tokenFor('a10.example.com');
    await stack.publishToken('a10.example.com', token);
    await cname('a10.example.com', TARGET);
    expect((await checks('a10.example.com')).json().verdict).toBe('pass');
    await stack.emulator.deleteDnsRecord('_dnsauth.a10.example.com');
    // The cached pass (TTL 60 s, cache cap 30 s) is served; DNS is not asked again.
    expect((await checks('a10.example.com')).json().verdict).toBe('pass');
  });

  it('is off with DNS_CACHE_TTL_MS=0', async () => {
    const uncached = await startStack({ config: (c) => ({ ...c, DNS_CACHE_TTL_MS: 0 }) });
    try {
      const created = await uncached.app.inject({
        method: 'POST',
        url: '/buckets/examplebucket/cname-tokens',
        headers: uncached.admin.headers,
        payload: { domain: 'a9.example.com' },
      });
      const look = () =>
        uncached.app.inject({
          method: 'GET',
          url: '/buckets/examplebucket/cnames/a9.example.com/checks',
          headers: uncached.admin.headers,
        });
      expect(check((await look()).json(), 'ownership-txt')?.status).toBe('fail');
      await uncached.publishToken('a9.example.com', created.json().token);
      expect(check((await look()).json(), 'ownership-txt')?.status).toBe('pass');
    } finally {
      await uncached.close();
    }
  });
});
