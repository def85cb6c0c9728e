// Two emulator DNS servers for pre-flight tests: `auth` plays the zone's name servers (reached through
// authoritativePort), `resolver` plays the recursive resolver. They share one store unless a test
// needs the resolver to lag behind.

import type { PreflightInput, PreflightOptions, PreflightReport } from '../../src/dns/preflight/types.ts';
import { runDnsPreflight } from '../../src/dns/preflight.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import type { DnsZoneStore } from '../../src/emulator/dns/zone-store.ts';

export const TOKEN = 'be1d49d863dea9ffeff3df7d6455a1b2';
export const TARGET = 'examplebucket.oss-cn-hangzhou.aliyuncs.com';
export const TARGET_ADDRESS = '198.51.100.7';
export const AUTH_NEGATIVE_TTL = 120;
export const RESOLVER_NEGATIVE_TTL = 90;

/** NS records for example.com whose hosts resolve to 127.0.0.1, and the bucket endpoint's address. */
export function seedZone(store: DnsZoneStore): void {
  store.set('example.com', { type: 'NS', values: ['ns1.example.com', 'ns2.example.com'], ttl: 3600 });
  store.set('ns1.example.com', { type: 'A', values: ['127.0.0.1'], ttl: 3600 });
  store.set('ns2.example.com', { type: 'A', values: ['127.0.0.1'], ttl: 3600 });
  store.set(TARGET, { type: 'A', values: [TARGET_ADDRESS], ttl: 60 });
}

export interface DnsPair {
  auth: DnsServer;
  resolver: DnsServer;
  /** Runs the pre-flight against this pair; `input` defaults to img.example.com, unbound. */
  preflight(input?: Partial<PreflightInput>, options?: Partial<PreflightOptions>): Promise<PreflightReport>;
  close(): Promise<void>;
}

export async function startPair(opts: { separateResolverStore?: boolean } = {}): Promise<DnsPair> {
  const auth = await startDnsServer({ negativeTtl: AUTH_NEGATIVE_TTL });
  const resolver = await startDnsServer({
    negativeTtl: RESOLVER_NEGATIVE_TTL,
    ...(opts.separateResolverStore ? {} : { store: auth.store }),
  });
  seedZone(auth.store);
  if (opts.separateResolverStore) seedZone(resolver.store);
  return {
    auth,
    resolver,
    preflight: (input = {}, options = {}) =>
      runDnsPreflight(
        { domain: 'img.example.com', expectedToken: TOKEN, cnameTarget: TARGET, bound: false, ...input },
        { resolvers: [resolver.address], authoritativePort: auth.address.port, timeoutMs: 1000, ...options },
      ),
    close: async () => {
      await Promise.all([auth.close(), resolver.close()]);
    },
  };
}

/** The check with that id; fails the test when it is missing. */
export function check(report: PreflightReport, id: string) {
  const found = report.checks.find((candidate) => candidate.id === id);
  if (found === undefined)
    throw new Error(`no check ${id} in ${JSON.stringify(report.checks.map((c) => c.id))}`);
  return found;
}
