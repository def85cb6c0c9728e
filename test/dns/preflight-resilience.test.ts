import { afterEach, describe, expect, it } from 'vitest';
import type { LookupFailure } from '../../src/dns/preflight/lookup.ts';
import { DEFAULT_RETRY_SECONDS } from '../../src/dns/preflight/verdict.ts';
import { DnsLookupCache, runDnsPreflight } from '../../src/dns/preflight.ts';
import { rcodeServer, type SilentServer, silentUdpServer } from './helpers.ts';
import { check, type DnsPair, startPair, TARGET, TOKEN } from './preflight-fixture.ts';

let pair: DnsPair | undefined;
let silent: SilentServer | undefined;

afterEach(async () => {
  await pair?.close();
  await silent?.close();
  pair = undefined;
  silent = undefined;
});

const input = { domain: 'img.example.com', expectedToken: TOKEN, cnameTarget: TARGET, bound: false };

// Where a live server must answer too, the timeout leaves room for a loaded CI machine.
describe('DNS pre-flight with unreachable servers', () => {
  it('turns a resolver that never answers into pending checks, not an exception', async () => {
    silent = await silentUdpServer();
    const report = await runDnsPreflight(input, { resolvers: [silent.address], timeoutMs: 30 });
    expect(report.verdict).toBe('pending');
    expect(report.zone).toBeUndefined();
    expect(report.checks.every((c) => c.status === 'pending')).toBe(true);
    const label = `127.0.0.1:${silent.address.port}`;
    expect(check(report, 'ownership-txt').summary).toBe(
      `No DNS server answered for _dnsauth.img.example.com: ${label} (no answer).`,
    );
    expect(check(report, 'cname-target').summary).toContain(`${label} (no answer)`);
    expect(report.retryAfterSeconds).toBe(DEFAULT_RETRY_SECONDS);
  });

  it('words a refused port like a silent one, and tells only the observer why (issue 19, F5)', async () => {
    silent = await silentUdpServer();
    const address = silent.address;
    await silent.close();
    silent = undefined;
    const failures: LookupFailure[] = [];
    const report = await runDnsPreflight(input, {
      resolvers: [address],
      timeoutMs: 2000,
      onLookupFailure: (failure) => failures.push(failure),
    });
    expect(check(report, 'ownership-txt').summary).toContain(`127.0.0.1:${address.port} (no answer)`);
    expect(JSON.stringify(report)).not.toMatch(/DNS_(TIMEOUT|UNREACHABLE)/);
    expect(failures).toContainEqual({
      server: `127.0.0.1:${address.port}`,
      name: '_dnsauth.img.example.com',
      type: 'TXT',
      code: 'DNS_UNREACHABLE',
    });
  });

  it('holds the TXT check at pending while one configured resolver is down, naming it', async () => {
    pair = await startPair();
    silent = await silentUdpServer();
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 60 });
    const report = await pair.preflight(
      {},
      { resolvers: [pair.resolver.address, silent.address], timeoutMs: 250 },
    );
    const txt = check(report, 'ownership-txt');
    expect(txt.status).toBe('pending');
    expect(txt.summary).toContain(`not yet at 127.0.0.1:${silent.address.port} (no answer)`);
    expect(txt.fix).toBe('Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.');
    expect(check(report, 'cname-target').status).toBe('pass');
  });

  it("passes on the resolvers' word when the name servers cannot be reached directly", async () => {
    pair = await startPair();
    silent = await silentUdpServer();
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    pair.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 60 });
    const report = await pair.preflight({}, { authoritativePort: silent.address.port, timeoutMs: 250 });
    const txt = check(report, 'ownership-txt');
    expect(txt.status).toBe('pass');
    expect(txt.observed?.servers).toContainEqual(
      expect.objectContaining({ role: 'authoritative', outcome: 'error' }),
    );
    expect(JSON.stringify(txt)).not.toMatch(/DNS_(TIMEOUT|UNREACHABLE)/);
  });
});

describe('DNS pre-flight with failing resolvers', () => {
  it('reports SERVFAIL and REFUSED as failures, not as missing records', async () => {
    const servfail = await rcodeServer(2);
    const refused = await rcodeServer(5);
    try {
      const report = await runDnsPreflight(input, { resolvers: [servfail.address, refused.address] });
      expect(report.verdict).toBe('pending');
      const summary = check(report, 'ownership-txt').summary;
      expect(summary).toContain(`127.0.0.1:${servfail.address.port} (no answer)`);
      expect(summary).toContain(`127.0.0.1:${refused.address.port} (no answer)`);
      expect(JSON.stringify(report)).not.toMatch(/SERVFAIL|REFUSED|DNS_[A-Z]+_|DNS_TIMEOUT/);
    } finally {
      await Promise.all([servfail.close(), refused.close()]);
    }
  });
});

describe('DNS pre-flight caching', () => {
  it('reuses answers until the record TTL, capped by cacheTtlMs, runs out', async () => {
    pair = await startPair();
    let clock = 1_000_000;
    const cache = new DnsLookupCache({ maxTtlMs: 600_000, now: () => clock });
    const run = () => pair?.preflight({}, { cache }) ?? Promise.reject(new Error('no pair'));
    expect(check(await run(), 'ownership-txt').status).toBe('fail');
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    // The negative answers are cached for their SOA's negative TTL (90 s resolver, 120 s name servers).
    clock += 60_000;
    expect(check(await run(), 'ownership-txt').status).toBe('fail');
    clock += 61_000;
    expect(check(await run(), 'ownership-txt').status).toBe('pass');
  });

  it('never keeps an answer longer than cacheTtlMs', async () => {
    pair = await startPair();
    let clock = 0;
    const cache = new DnsLookupCache({ maxTtlMs: 5_000, now: () => clock });
    const run = () => pair?.preflight({}, { cache }) ?? Promise.reject(new Error('no pair'));
    expect(check(await run(), 'ownership-txt').status).toBe('fail');
    pair.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 60 });
    clock += 4_000;
    expect(check(await run(), 'ownership-txt').status).toBe('fail');
    clock += 1_001;
    expect(check(await run(), 'ownership-txt').status).toBe('pass');
  });
});
