// The reconciler's one door to DNS: the service's DNS pre-flight, asked without its cache (a record
// published a moment ago must count), read as "which of the domain's records does DNS show".

import { NOTHING_TO_DO } from '../dns/preflight/check.ts';
import type { PreflightCheck } from '../dns/preflight/types.ts';
import { createAcmeChallengeCheck } from '../dns/preflight.ts';
import type { DnsServerAddress } from '../dns/types.ts';
import type { DnsRecordPurpose } from '../domains/index.ts';
import { DnsInspector } from '../services/index.ts';

export interface DnsPortSettings {
  resolvers: DnsServerAddress[];
  authoritativePort: number;
  timeoutMs: number;
  preflightTimeoutMs: number;
  /** Awaited before each query (RECONCILE_DNS_QPS); none for the request path. */
  gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
}

export interface AcmeDelegation {
  /** `_acme-challenge.<domain>` is a CNAME to the expected label, with no TXT of its own beside it. */
  satisfied: boolean;
  /** What is wrong and how to fix it, when not satisfied. */
  detail: string;
}

export interface DnsPort {
  /**
   * What DNS shows for the ownership TXT (holding `token`), the traffic CNAME (to `cnameTarget`) and,
   * when given, the `_acme-challenge` CNAME (to `acmeChallenge`).
   */
  check(
    domain: string,
    token: string,
    cnameTarget: string,
    acmeChallenge?: string,
  ): Promise<Partial<Record<DnsRecordPurpose, boolean>>>;
  /** The customer's delegation of DNS-01 challenges, looked at before an order is placed. */
  acmeChallenge(domain: string, expected: string): Promise<AcmeDelegation>;
  /** The zone holding the domain as DNS shows it, when it can tell. */
  zoneOf(domain: string): Promise<string | undefined>;
}

export function createDnsPort(settings: DnsPortSettings): DnsPort {
  const inspector = new DnsInspector({ ...settings, cacheTtlMs: 0 });
  const delegation = createAcmeChallengeCheck({
    resolvers: settings.resolvers,
    timeoutMs: settings.timeoutMs,
    cacheTtlMs: 0,
    gate: settings.gate,
  });
  return {
    async check(domain, token, cnameTarget, acmeChallenge) {
      const report = await inspector.run(
        {
          domain,
          expectedToken: token,
          cnameTarget,
          otherCustomDomains: [],
          bound: false,
          acmeChallenge: acmeChallenge === undefined ? undefined : { cnameValue: acmeChallenge },
        },
        { fresh: true },
      );
      const passed = (id: string) => report.checks.find((c) => c.id === id)?.status === 'pass';
      return {
        ownership: passed('ownership-txt'),
        traffic: passed('cname-target'),
        ...(acmeChallenge === undefined ? {} : { 'acme-challenge': delegated(report.checks) }),
      };
    },
    async acmeChallenge(domain, expected) {
      const checks = await delegation(domain, expected);
      const wrong = checks.filter((c) => c.status !== 'pass');
      return {
        satisfied: delegated(checks),
        detail: wrong.map((c) => (c.fix === NOTHING_TO_DO ? c.summary : `${c.summary} ${c.fix}`)).join(' '),
      };
    },
    zoneOf: (domain) => inspector.zoneOf(domain),
  };
}

/** The CNAME leads to our label and no TXT of the customer's own answers the CA instead. */
function delegated(checks: PreflightCheck[]): boolean {
  const status = (id: string) => checks.find((c) => c.id === id)?.status;
  return status('acme-challenge-cname') === 'pass' && status('acme-challenge-txt') !== 'fail';
}
