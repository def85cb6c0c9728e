// GET …/checks: the DNS pre-flight for a domain on a bucket, whether it is bound yet or not, so callers
// can watch their DNS become ready before they bind (and see what still stands in the way after).
import { isValidName } from '../../dns/names.ts';
import { findBinding } from '../../oss/index.ts';
import type { DomainChecksView } from '../../schemas/preflight.ts';
import { cnameTarget, type DnsInspector, ownershipRecord } from '../domain-dns/index.ts';
import type { AccountBindings, OssAccess } from '../oss-access/index.ts';

export class ChecksService {
  readonly #oss: OssAccess;
  readonly #dns: DnsInspector;
  readonly #accounts: AccountBindings;

  constructor(oss: OssAccess, dns: DnsInspector, accounts: AccountBindings) {
    this.#oss = oss;
    this.#dns = dns;
    this.#accounts = accounts;
  }

  /** `visible`: the domains the caller's key may see; no other is named or counted (issue 19, F4). */
  async inspect(
    bucket: string,
    domain: string,
    visible: (domain: string) => boolean,
  ): Promise<DomainChecksView> {
    const oss = this.#oss.bucket(bucket);
    const all = await oss.bindings(domain);
    const bound = findBinding(all, domain) !== undefined;
    const token = bound ? undefined : await oss.liveToken(domain);
    const region = await oss.region(domain);
    const target = cnameTarget(bucket, region);
    const others = [...all.map((info) => info.domain), ...this.#accounts.knownDomains()];
    const input = {
      domain,
      expectedToken: token?.token,
      cnameTarget: target,
      otherCustomDomains: others.filter((name) => isValidName(name) && visible(name)),
      bound,
    };
    // Callers check right after changing DNS: a cached answer may reuse only what already passed, so a
    // record published a moment ago never shows as missing here. Passing answers stay cached, which is
    // what a caller polling a ready domain asks again and again.
    const cached = await this.#dns.run(input);
    const report = cached.verdict === 'pass' ? cached : await this.#dns.run(input, { fresh: true });
    return {
      ...report,
      bucket,
      bound,
      cnameTarget: target,
      dnsRecords: token ? [ownershipRecord(domain, token.token, report.zone?.name)] : [],
    };
  }
}
