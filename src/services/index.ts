// Builds the services the routes use from the OSS client and the config, once per app: one region cache,
// one DNS pre-flight (its lookup cache spans requests) and one account-wide binding index.
import type { DnsServerAddress } from '../dns/types.ts';
import type { CnameApi } from '../oss/types.ts';
import { AccountBindings } from './account-bindings.ts';
import { BindingService } from './binding-service.ts';
import { ChecksService } from './checks-service.ts';
import { DnsInspector } from './dns-inspector.ts';
import { OssGateway } from './oss-gateway.ts';
import { OwnershipGate } from './ownership-gate.ts';
import { RegionResolver } from './region-resolver.ts';
import { TokenService } from './token-service.ts';

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
  regions: RegionResolver;
}

export function createServices(oss: CnameApi, options: ServicesOptions): Services {
  const regions = new RegionResolver(oss, { defaultRegion: options.defaultRegion });
  const gateway = new OssGateway(oss, regions);
  const dns = new DnsInspector({
    resolvers: options.dns.resolvers,
    authoritativePort: options.dns.authoritativePort,
    timeoutMs: options.dns.timeoutMs,
    cacheTtlMs: options.dns.cacheTtlMs,
    budgetMs: options.dns.preflightTimeoutMs,
  });
  const accounts = new AccountBindings(oss, regions, options.conflictScan);
  const gate = new OwnershipGate(gateway, dns, accounts);
  return {
    tokens: new TokenService(gateway, dns),
    bindings: new BindingService(gateway, gate, accounts, {
      now: options.now,
      defaultCertRegion: options.defaultCertRegion,
    }),
    checks: new ChecksService(gateway, dns, accounts),
    regions,
  };
}
