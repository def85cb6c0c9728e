// The app's one pre-flight: a cache that spans runs, a fresh look on demand, and a time budget that turns
// DNS that does not answer into `pending` checks instead of a bind that hangs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFLIGHT_CHECK_IDS } from '../../../src/dns/preflight/types.ts';
import { type DnsServer, startDnsServer } from '../../../src/emulator/dns/server.ts';
import { DnsInspector } from '../../../src/services/domain-dns/dns-inspector.ts';
import { type SilentServer, silentUdpServer } from '../../dns/helpers.ts';

const TARGET = 'examplebucket.oss-cn-hangzhou.aliyuncs.com';
const input = (expectedToken: string) => ({
  domain: 'img.example.com',
  expectedToken,
  cnameTarget: TARGET,
  bound: false,
});
const txt = (report: { checks: Array<{ id: string; status: string }> }) =>
  report.checks.find((check) => check.id === 'ownership-txt')?.status;

let dns: DnsServer;
let silent: SilentServer;

beforeAll(async () => {
  dns = await startDnsServer();
  silent = await silentUdpServer();
});
afterAll(async () => {
  await dns.close();
  await silent.close();
});

describe('DnsInspector', () => {
  it('caches answers across runs, and looks again without the cache when asked', async () => {
    const inspector = new DnsInspector({
      resolvers: [dns.address],
      authoritativePort: dns.address.port,
      timeoutMs: 1000,
      cacheTtlMs: 30_000,
      preflightTimeoutMs: 5000,
    });
    dns.store.set('_dnsauth.img.example.com', { type: 'TXT', values: ['old-token'], ttl: 300 });
    expect(txt(await inspector.run(input('old-token')))).toBe('pass');
    dns.store.set('_dnsauth.img.example.com', { type: 'TXT', values: ['new-token'], ttl: 300 });
    expect(txt(await inspector.run(input('new-token')))).toBe('fail');
    expect(txt(await inspector.run(input('new-token'), { fresh: true }))).toBe('pass');
  });

  it('reports every check pending when DNS does not answer within the budget', async () => {
    const inspector = new DnsInspector({
      resolvers: [silent.address],
      authoritativePort: silent.address.port,
      timeoutMs: 5000,
      cacheTtlMs: 30_000,
      preflightTimeoutMs: 150,
    });
    const report = await inspector.run(input('token'));
    expect(report).toEqual({
      domain: 'img.example.com',
      verdict: 'pending',
      retryAfterSeconds: 30,
      checks: PREFLIGHT_CHECK_IDS.map((id) => ({
        id,
        status: 'pending',
        summary: 'DNS lookups for img.example.com did not finish within 150 ms.',
        fix: 'Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.',
      })),
    });
    expect(await inspector.zoneOf('img.example.com')).toBeUndefined();
    expect(silent.received.length).toBeGreaterThan(0);
  });

  it('finds the zone DNS reports', async () => {
    dns.store.set('shop.example.com', { type: 'NS', values: ['ns1.shop.example.com'], ttl: 300 });
    const inspector = new DnsInspector({
      resolvers: [dns.address],
      authoritativePort: dns.address.port,
      timeoutMs: 1000,
      cacheTtlMs: 0,
      preflightTimeoutMs: 5000,
    });
    expect(await inspector.zoneOf('img.shop.example.com')).toBe('shop.example.com');
    expect(await inspector.zoneOf('www.example.org')).toBe('example.org');
  });
});
