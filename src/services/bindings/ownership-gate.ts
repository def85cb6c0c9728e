// Runs before a domain is bound to a bucket: takes the live token (the one OSS handed this process earlier
// while still valid, else GetCnameToken) and runs the DNS pre-flight. When the TXT record OSS reads is
// missing or wrong, the bind is refused here with the checks and a Retry-After drawn from the TTLs, and
// PutCname is not sent. Calling OSS early would only earn a bare 403, and its
// resolvers would then cache the missing record for the negative TTL, delaying the bind that follows.
//
// What is left to OSS: a domain without a live token (there is nothing to compare; OSS names the missing
// token, or accepts a record holding the previous one), and a check that is `pending` — the record is
// published but not yet seen everywhere, or no DNS server answered us. A resolver outage on the service's
// side must not block callers whose DNS is fine; OSS's own lookup decides, and a refusal from OSS still
// comes back with the checks.

import { isValidName } from '../../dns/names.ts';
import type { PreflightInput, PreflightReport } from '../../dns/preflight/types.ts';
import { boundToOtherBucket, dnsNotReady } from '../../errors/binding-problems.ts';
import type { CnameToken } from '../../oss/index.ts';
import { cnameTarget, type DnsInspector, ownershipRecord } from '../domain-dns/index.ts';
import type { AccountBindings, BucketOss } from '../oss-access/index.ts';

export interface GateInput {
  oss: BucketOss;
  bucket: string;
  domain: string;
  region: string;
  /** Custom domains already bound to the bucket (a CNAME chain through one of them fails). */
  bucketDomains: readonly string[];
  /** Whether the caller's API key covers a bucket, so a conflict may name it. */
  canSeeBucket: (bucket: string) => boolean;
  /** Whether the caller's key may see a domain; the report names no other (issue 19, F4). */
  canSeeDomain?: ((domain: string) => boolean) | undefined;
}

export interface GateResult {
  token: CnameToken | undefined;
  /** The pre-flight, when there was a token to check against. */
  report: PreflightReport | undefined;
  /** The token is the one OSS handed this process earlier, not read now (a refusal reads it again). */
  remembered?: boolean;
}

export class OwnershipGate {
  readonly #dns: DnsInspector;
  readonly #accounts: AccountBindings;

  constructor(dns: DnsInspector, accounts: AccountBindings) {
    this.#dns = dns;
    this.#accounts = accounts;
  }

  /**
   * For a PUT whose token this process remembers: starts the pre-flight's lookups while OSS is read
   * (ListCname), since the gate will run on that token unless the domain turns out bound. Abort it once the
   * PUT is answered. Undefined when there is no remembered token (the gate overlaps GetCnameToken instead).
   */
  warm(oss: BucketOss, bucket: string, domain: string): AbortController | undefined {
    if (oss.rememberedToken(domain) === undefined) return undefined;
    const stop = new AbortController();
    // The region is cached once the bucket was used; a failure here is the PUT's own to report.
    oss.region(domain).then(
      (region) => this.#dns.warm({ domain, cnameTarget: cnameTarget(bucket, region) }, stop.signal),
      () => undefined,
    );
    return stop;
  }

  async check(input: GateInput): Promise<GateResult> {
    const { bucket, domain } = input;
    // A token OSS handed out earlier is the live one unless it went away: only a pass rests on it (saving
    // GetCnameToken); a refusal is judged again against the token read now.
    const remembered = input.oss.rememberedToken(domain);
    // Without one, the lookups (which need no token) run while GetCnameToken is asked; only the verdict
    // waits for it. They are wasted only when OSS holds no token, and stopped as soon as it says so.
    const warming = remembered === undefined ? new AbortController() : undefined;
    if (warming) {
      this.#dns.warm({ domain, cnameTarget: cnameTarget(bucket, input.region) }, warming.signal);
    }
    try {
      return await this.#decide(input, remembered);
    } finally {
      warming?.abort();
    }
  }

  async #decide(input: GateInput, remembered: CnameToken | undefined): Promise<GateResult> {
    const { bucket, domain } = input;
    const early = remembered === undefined ? undefined : await this.#judge(input, remembered);
    if (remembered !== undefined && early !== undefined && !refuses(early)) {
      return { token: remembered, report: early, remembered: true };
    }
    const token = await input.oss.liveToken(domain);
    if (token === undefined) return { token, report: undefined };
    const report =
      early !== undefined && remembered?.token === token.token ? early : await this.#judge(input, token);
    if (!refuses(report)) return { token, report };
    // OSS refuses a domain held by another bucket before it looks at DNS: say that first, since no
    // TXT record helps until the domain is unbound there.
    const holder = await this.#accounts.holderOf(domain);
    if (holder !== undefined && holder.bucket !== bucket) {
      throw boundToOtherBucket({
        domain,
        holder,
        visible: input.canSeeBucket(holder.bucket),
        extensions: { preflight: report },
      });
    }
    const record = ownershipRecord(domain, token.token, report.zone?.name);
    throw dnsNotReady({ bucket, domain, region: input.region, report, record });
  }

  /** The pre-flight against `token`. Never refuses on a cached answer: the record may be published since. */
  async #judge(input: GateInput, token: CnameToken): Promise<PreflightReport> {
    const preflight = this.#preflight(input, token);
    const report = await this.#dns.run(preflight);
    return refuses(report) ? await this.#dns.run(preflight, { fresh: true }) : report;
  }

  #preflight(input: GateInput, token: CnameToken): PreflightInput {
    return {
      domain: input.domain,
      expectedToken: token.token,
      cnameTarget: cnameTarget(input.bucket, input.region),
      otherCustomDomains: [...input.bucketDomains, ...this.#accounts.knownDomains()].filter(
        (name) => isValidName(name) && (input.canSeeDomain?.(name) ?? true),
      ),
      bound: false,
    };
  }
}

/** Only a TXT record that is certainly absent or wrong stops a bind. */
function refuses(report: PreflightReport): boolean {
  return report.checks.some((check) => check.id === 'ownership-txt' && check.status === 'fail');
}
