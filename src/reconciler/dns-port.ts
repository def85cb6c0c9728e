// The reconciler's one door to DNS: the service's DNS pre-flight, asked without its cache (a record
// published a moment ago must count), read as "which of the domain's records does DNS show".

import type { DnsServerAddress } from '../dns/types.ts';
import type { DnsRecordPurpose } from '../domains/index.ts';
import { DnsInspector } from '../services/index.ts';

export interface DnsPortSettings {
  resolvers: DnsServerAddress[];
  authoritativePort: number;
  timeoutMs: number;
  preflightTimeoutMs: number;
}

export interface DnsPort {
  /** What DNS shows for the ownership TXT (holding `token`) and the traffic CNAME (to `cnameTarget`). */
  check(
    domain: string,
    token: string,
    cnameTarget: string,
  ): Promise<Partial<Record<DnsRecordPurpose, boolean>>>;
  /** The zone holding the domain as DNS shows it, when it can tell. */
  zoneOf(domain: string): Promise<string | undefined>;
}

export function createDnsPort(settings: DnsPortSettings): DnsPort {
  const inspector = new DnsInspector({ ...settings, cacheTtlMs: 0 });
  return {
    async check(domain, token, cnameTarget) {
      const report = await inspector.run(
        { domain, expectedToken: token, cnameTarget, otherCustomDomains: [], bound: false },
        { fresh: true },
      );
      const passed = (id: string) => report.checks.find((c) => c.id === id)?.status === 'pass';
      return { ownership: passed('ownership-txt'), traffic: passed('cname-target') };
    },
    zoneOf: (domain) => inspector.zoneOf(domain),
  };
}
