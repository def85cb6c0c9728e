// Builds the services the routes use from the OSS client and the config, once per app: one way into OSS
// (bucket-scoped, with its region cache), one DNS pre-flight (its lookup cache spans requests) and one
// account-wide binding index.
import type { DnsServerAddress } from '../dns/types.ts';
import { BindingService, OwnershipGate } from './bindings/index.ts';
import { ChecksService } from './checks/index.ts';
import { DnsInspector } from './domain-dns/index.ts';
import { AccountBindings, OssAccess, type ServicesOss } from './oss-access/index.ts';
import { TokenService } from './tokens/index.ts';

export type { Preconditions } from './bindings/index.ts';
export type { ServicesOss } from './oss-access/index.ts';
export type { WriteContext } from './write-context.ts';

export interface ServicesOptions {
  /** General region id region discovery is signed for. */
  defaultRegion: string;
  now?: (() => Date) | undefined;
  defaultCertRegion?: string | undefined;
  dns: {
    resolvers: DnsServerAddress[];
    authoritativePort: number;
    timeoutMs: number;
    cacheTtlMs: number;
    preflightTimeoutMs: number;
  };
  conflictScan: { maxBuckets: number; cacheMs: number };
}

export interface Services {
  tokens: TokenService;
  bindings: BindingService;
  checks: ChecksService;
}

export function createServices(client: ServicesOss, options: ServicesOptions): Services {
  const oss = new OssAccess(client, { defaultRegion: options.defaultRegion });
  const dns = new DnsInspector({
    resolvers: options.dns.resolvers,
    authoritativePort: options.dns.authoritativePort,
    timeoutMs: options.dns.timeoutMs,
    cacheTtlMs: options.dns.cacheTtlMs,
    budgetMs: options.dns.preflightTimeoutMs,
  });
  const accounts = new AccountBindings(oss, options.conflictScan);
  const gate = new OwnershipGate(dns, accounts);
  return {
    tokens: new TokenService(oss, dns),
    bindings: new BindingService(oss, gate, accounts, {
      now: options.now,
      defaultCertRegion: options.defaultCertRegion,
    }),
    checks: new ChecksService(oss, dns, accounts),
  };
}
