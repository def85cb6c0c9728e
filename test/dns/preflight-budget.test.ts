// Issue 19, F5: a pre-flight past its budget abandons its lookups (sockets closed, no retries sent),
// and zone discovery makes a bounded number of SOA lookups however long the name.
import { decode } from 'dns-packet';
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupFailure } from '../../src/dns/preflight/lookup.ts';
import { MAX_SOA_LOOKUPS } from '../../src/dns/preflight/zone.ts';
import { DnsInspector } from '../../src/services/domain-dns/index.ts';
import { rcodeServer, type SilentServer, silentUdpServer } from './helpers.ts';

let server: SilentServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

function inspector(resolver: SilentServer, timeoutMs: number, preflightTimeoutMs: number) {
  const failures: LookupFailure[] = [];
  const dns = new DnsInspector({
    resolvers: [resolver.address],
    authoritativePort: resolver.address.port,
    timeoutMs,
    cacheTtlMs: 0,
    preflightTimeoutMs,
    onLookupFailure: (failure) => failures.push(failure),
  });
  const abandoned = () => failures.filter((failure) => failure.code === 'DNS_ABORTED').length;
  return { dns, abandoned };
}

describe('a pre-flight past its budget', () => {
  it('abandons its queries (sockets closed) at the budget instead of waiting out 2 × 5 s each', async () => {
    server = await silentUdpServer();
    const { dns, abandoned } = inspector(server, 5_000, 150);
    const started = Date.now();
    const report = await dns.run({
      domain: 'img.example.com',
      expectedToken: 'token',
      cnameTarget: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      bound: false,
    });
    expect(report.checks[0]?.summary).toBe('DNS lookups for img.example.com did not finish within 150 ms.');
    expect(Date.now() - started).toBeLessThan(3_000);
    // Every query the silent server got ends as abandoned (its socket closed) within moments; left
    // running, each would end as DNS_TIMEOUT after 5 s and send its retry first.
    const asked = server.received.length;
    expect(asked).toBeGreaterThan(0);
    expect(await until(() => abandoned() === asked, 2_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.received.length).toBe(asked);
  });

  it('abandons a zone lookup at the budget too', async () => {
    server = await silentUdpServer();
    const { dns, abandoned } = inspector(server, 5_000, 100);
    const started = Date.now();
    expect(await dns.zoneOf('img.example.com')).toBeUndefined();
    expect(await until(() => abandoned() === 1, 2_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.received).toHaveLength(1);
  });
});

describe('zone discovery of a long name', () => {
  it(`asks at most ${MAX_SOA_LOOKUPS} SOA questions, not one per label`, async () => {
    // Every answer is an empty NOERROR (as under a wildcard CNAME): no SOA ever names the zone.
    server = await rcodeServer(0);
    const name = `${Array.from({ length: 60 }, (_, i) => `l${i}`).join('.')}.example.com`;
    const { dns } = inspector(server, 1_000, 10_000);
    expect(await dns.zoneOf(name)).toBeUndefined();
    const soa = server.received
      .map((message) => decode(message).questions?.[0])
      .filter((q) => q?.type === 'SOA');
    expect(soa).toHaveLength(MAX_SOA_LOOKUPS);
    expect(soa[0]?.name).toBe(name);
  });
});
