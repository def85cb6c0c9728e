import { afterEach, describe, expect, it } from 'vitest';
import { PREFLIGHT_CHECK_IDS } from '../../src/dns/preflight.ts';
import {
  AUTH_NEGATIVE_TTL,
  check,
  type DnsPair,
  RESOLVER_NEGATIVE_TTL,
  startPair,
  TARGET,
  TOKEN,
} from './preflight-fixture.ts';

let pair: DnsPair;

afterEach(() => pair.close());

function pointCname(p: DnsPair, domain = 'img.example.com'): void {
  p.auth.store.set(domain, { type: 'CNAME', values: [TARGET], ttl: 600 });
  if (p.resolver.store !== p.auth.store)
    p.resolver.store.set(domain, { type: 'CNAME', values: [TARGET], ttl: 600 });
}

describe('DNS pre-flight: ownership TXT', () => {
  it('passes a correct setup and reports the zone and its name servers', async () => {
    pair = await startPair();
    pointCname(pair);
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 300 });
    const report = await pair.preflight();
    expect(report.verdict).toBe('pass');
    expect(report.retryAfterSeconds).toBeUndefined();
    expect(report.checks.map((c) => c.id)).toEqual([...PREFLIGHT_CHECK_IDS]);
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(report.zone).toEqual({
      name: 'example.com',
      nameServers: [
        { host: 'ns1.example.com', addresses: ['127.0.0.1'] },
        { host: 'ns2.example.com', addresses: ['127.0.0.1'] },
      ],
    });
    expect(check(report, 'ownership-txt')).toMatchObject({ ttl: 300, fix: 'Nothing to do.' });
    expect(check(report, 'cname-target').ttl).toBe(600);
  });

  it('fails a missing TXT with the exact record to publish and the negative-cache wait', async () => {
    pair = await startPair();
    pointCname(pair);
    const report = await pair.preflight();
    const txt = check(report, 'ownership-txt');
    expect(report.verdict).toBe('fail');
    expect(txt.status).toBe('fail');
    expect(txt.fix).toBe(
      `Publish a TXT record with host "_dnsauth.img" in zone example.com and value ${TOKEN}.`,
    );
    expect(txt.observed?.record).toEqual({
      type: 'TXT',
      name: '_dnsauth.img.example.com',
      host: '_dnsauth.img',
      value: TOKEN,
    });
    expect(txt.ttl).toBe(AUTH_NEGATIVE_TTL);
    expect(report.retryAfterSeconds).toBe(AUTH_NEGATIVE_TTL);
  });

  it('fails a stale token and shows the value found', async () => {
    pair = await startPair();
    pointCname(pair);
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: ['0ld0ld0ld0ld'], ttl: 45 });
    const txt = check(await pair.preflight(), 'ownership-txt');
    expect(txt.status).toBe('fail');
    expect(txt.summary).toContain('"0ld0ld0ld0ld"');
    expect(txt.fix).toBe(`Set the TXT record at host "_dnsauth.img" to ${TOKEN}.`);
    expect(txt.ttl).toBe(45);
  });

  it('points out quotes pasted around the token', async () => {
    pair = await startPair();
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [`"${TOKEN}"`], ttl: 45 });
    const txt = check(await pair.preflight(), 'ownership-txt');
    expect(txt.status).toBe('fail');
    expect(txt.fix).toContain('without quotes or spaces');
  });

  it('passes when the token is one of several TXT records', async () => {
    pair = await startPair();
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: ['unrelated', TOKEN], ttl: 60 });
    expect(check(await pair.preflight(), 'ownership-txt').status).toBe('pass');
  });

  it('is pending while the TXT exists at the name servers but not yet at the resolver', async () => {
    pair = await startPair({ separateResolverStore: true });
    pointCname(pair);
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 300 });
    const report = await pair.preflight();
    const txt = check(report, 'ownership-txt');
    expect(txt.status).toBe('pending');
    expect(txt.summary).toContain(
      `not yet at ${pair.resolver.address.host}:${pair.resolver.address.port} (absent)`,
    );
    expect(txt.ttl).toBe(RESOLVER_NEGATIVE_TTL);
    expect(report.verdict).toBe('pending');
    expect(report.retryAfterSeconds).toBe(RESOLVER_NEGATIVE_TTL);
  });

  it("is pending while the resolver still holds the old value, for that value's TTL", async () => {
    pair = await startPair({ separateResolverStore: true });
    pointCname(pair);
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 300 });
    pair.resolver.store.set('_dnsauth.img.example.com', {
      type: 'TXT',
      values: ['previous-token'],
      ttl: 240,
    });
    const txt = check(await pair.preflight(), 'ownership-txt');
    expect(txt.status).toBe('pending');
    expect(txt.ttl).toBe(240);
  });

  it('fails without a token unless the domain is already bound', async () => {
    pair = await startPair();
    pointCname(pair);
    const unbound = check(await pair.preflight({ expectedToken: undefined }), 'ownership-txt');
    expect(unbound).toMatchObject({
      status: 'fail',
      fix: 'Create a CNAME token for img.example.com, then publish it as TXT _dnsauth.img.example.com.',
    });
    const bound = check(await pair.preflight({ expectedToken: undefined, bound: true }), 'ownership-txt');
    expect(bound.status).toBe('pass');
  });
});

describe('DNS pre-flight: doubled zone suffix', () => {
  it('fails a TXT published at the FQDN typed into the host field, naming the host to type', async () => {
    pair = await startPair();
    pointCname(pair);
    pair.auth.store.set('_dnsauth.img.example.com.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    const report = await pair.preflight();
    const doubled = check(report, 'txt-doubled-suffix');
    expect(doubled.status).toBe('fail');
    expect(doubled.fix).toBe(
      'Delete the TXT record at _dnsauth.img.example.com.example.com and create it with host "_dnsauth.img": the console appends example.com itself.',
    );
    expect(doubled.observed).toMatchObject({ hostToType: '_dnsauth.img', values: [TOKEN] });
    expect(check(report, 'ownership-txt').status).toBe('fail');
  });

  it('names "_dnsauth" as the host for a zone-apex domain', async () => {
    pair = await startPair();
    pair.auth.store.set('_dnsauth.example.com.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    const doubled = check(await pair.preflight({ domain: 'example.com' }), 'txt-doubled-suffix');
    expect(doubled.status).toBe('fail');
    expect(doubled.observed).toMatchObject({ hostToType: '_dnsauth' });
  });

  it('lets a stray doubled record pass once the right record exists', async () => {
    pair = await startPair();
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    pair.auth.store.set('_dnsauth.img.example.com.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    const doubled = check(await pair.preflight(), 'txt-doubled-suffix');
    expect(doubled.status).toBe('pass');
    expect(doubled.fix).toBe('Optionally delete the TXT record at _dnsauth.img.example.com.example.com.');
  });
});
