import { afterEach, describe, expect, it } from 'vitest';
import {
  check,
  type DnsPair,
  RESOLVER_NEGATIVE_TTL,
  startPair,
  TARGET,
  TARGET_ADDRESS,
  TOKEN,
} from './preflight-fixture.ts';

let pair: DnsPair;

afterEach(() => pair.close());

async function pairWithToken(opts: { separateResolverStore?: boolean } = {}): Promise<DnsPair> {
  const p = await startPair(opts);
  p.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
  if (opts.separateResolverStore)
    p.resolver.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
  return p;
}

describe('DNS pre-flight: CNAME target', () => {
  it('is pending before binding when the CNAME is missing, with the record to create', async () => {
    pair = await pairWithToken();
    const report = await pair.preflight();
    const cname = check(report, 'cname-target');
    expect(cname.status).toBe('pending');
    expect(cname.fix).toBe(`Create a CNAME record with host "img" pointing to ${TARGET}.`);
    expect(cname.observed?.expected).toEqual({
      type: 'CNAME',
      name: 'img.example.com',
      host: 'img',
      value: TARGET,
    });
    // The resolver's negative answer is what stands between creating the record and seeing it.
    expect(cname.ttl).toBe(RESOLVER_NEGATIVE_TTL);
    expect(report.verdict).toBe('pending');
    expect(report.retryAfterSeconds).toBe(RESOLVER_NEGATIVE_TTL);
  });

  it('fails after binding when the CNAME is missing', async () => {
    pair = await pairWithToken();
    const cname = check(await pair.preflight({ bound: true }), 'cname-target');
    expect(cname.status).toBe('fail');
    expect(cname.summary).toContain('requests do not reach the bucket');
  });

  it('reports a CNAME that points somewhere else', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: ['old-cdn.example.net'], ttl: 1800 });
    const before = check(await pair.preflight(), 'cname-target');
    expect(before).toMatchObject({ status: 'pending', ttl: 1800 });
    expect(before.fix).toBe(`Change the CNAME record with host "img" to point to ${TARGET}.`);
    expect(check(await pair.preflight({ bound: true }), 'cname-target').status).toBe('fail');
  });

  it('is pending when the name servers already publish the CNAME but the resolver does not', async () => {
    pair = await pairWithToken({ separateResolverStore: true });
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 600 });
    const cname = check(await pair.preflight({ bound: true }), 'cname-target');
    expect(cname.status).toBe('pending');
    expect(cname.ttl).toBe(RESOLVER_NEGATIVE_TTL);
  });

  it("accepts a flattened CNAME at the zone apex (A records equal to the target's)", async () => {
    pair = await startPair();
    pair.auth.store.set('_dnsauth.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    pair.auth.store.set('example.com', { type: 'A', values: [TARGET_ADDRESS], ttl: 60 });
    const report = await pair.preflight({ domain: 'example.com', bound: true });
    expect(check(report, 'cname-target').status).toBe('pass');
    expect(check(report, 'address-conflict').status).toBe('pass');
  });

  it('suggests flattening when a zone apex has no CNAME', async () => {
    pair = await startPair();
    const cname = check(await pair.preflight({ domain: 'example.com' }), 'cname-target');
    expect(cname.fix).toBe(
      `Create a CNAME record with host "@" pointing to ${TARGET} (at a zone apex use your provider's CNAME flattening or ALIAS record).`,
    );
  });
});

describe('DNS pre-flight: CNAME chain through another custom domain', () => {
  it('fails a chain domain → other custom domain → OSS and says to point directly at the target', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: ['cdn.example.com'], ttl: 300 });
    pair.auth.store.set('cdn.example.com', { type: 'CNAME', values: [TARGET], ttl: 300 });
    const report = await pair.preflight({ otherCustomDomains: ['CDN.example.com', 'img.example.com'] });
    const chain = check(report, 'cname-chain');
    expect(chain.status).toBe('fail');
    expect(chain.summary).toContain(`img.example.com → cdn.example.com → ${TARGET}`);
    expect(chain.fix).toBe(`Point the CNAME record with host "img" directly at ${TARGET}.`);
    expect(chain.observed).toMatchObject({ customDomainsInChain: ['cdn.example.com'] });
    expect(check(report, 'cname-target').status).toBe('pass');
    expect(report.verdict).toBe('fail');
  });

  it('allows a chain through names that are not custom domains', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: ['edge.example.net'], ttl: 300 });
    pair.auth.store.set('edge.example.net', { type: 'CNAME', values: [TARGET], ttl: 300 });
    const report = await pair.preflight({ otherCustomDomains: ['cdn.example.com'] });
    expect(check(report, 'cname-chain').status).toBe('pass');
    expect(check(report, 'cname-target').status).toBe('pass');
  });

  it('reports a looping chain instead of hanging', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: ['a.example.com'], ttl: 300 });
    pair.auth.store.set('a.example.com', { type: 'CNAME', values: ['img.example.com'], ttl: 300 });
    const cname = check(await pair.preflight({ bound: true }), 'cname-target');
    expect(cname.status).toBe('fail');
    expect(cname.summary).toContain('loops');
  });
});

describe('DNS pre-flight: A/AAAA records at the domain', () => {
  it('fails A and AAAA records beside a CNAME', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 600 });
    pair.auth.store.set('img.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 300 });
    pair.auth.store.set('img.example.com', { type: 'AAAA', values: ['2001:db8::1'], ttl: 300 });
    const report = await pair.preflight();
    const conflict = check(report, 'address-conflict');
    expect(conflict.status).toBe('fail');
    expect(conflict.observed).toEqual({ addresses: ['192.0.2.1', '2001:db8::1'], hasCname: true });
    expect(conflict.fix).toBe('Delete the A/AAAA records with host "img" and keep only the CNAME.');
    expect(report.verdict).toBe('fail');
  });

  it('is pending before binding and fails after when A records stand where the CNAME should be', async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 300 });
    const before = check(await pair.preflight(), 'address-conflict');
    expect(before).toMatchObject({ status: 'pending', ttl: 300 });
    expect(before.fix).toBe(
      `Replace the A/AAAA records with host "img" by a CNAME record pointing to ${TARGET}.`,
    );
    expect(check(await pair.preflight({ bound: true }), 'address-conflict').status).toBe('fail');
  });

  it("passes the target's own A records reached through the CNAME", async () => {
    pair = await pairWithToken();
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 600 });
    const conflict = check(await pair.preflight(), 'address-conflict');
    expect(conflict).toMatchObject({ status: 'pass', observed: { addresses: [], hasCname: true } });
  });
});
