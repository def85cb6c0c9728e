// GET …/checks: the DNS pre-flight for a domain on a bucket, whether it is bound yet or not, so callers
// can watch their DNS become ready before they bind (and see what still stands in the way after).
import { isValidName } from '../dns/names.ts';
import type { DomainChecksView } from '../schemas/preflight.ts';
import type { AccountBindings } from './account-bindings.ts';
import { bindingOf, listBindings } from './bucket-bindings.ts';
import { cnameTarget } from './cname-target.ts';
import type { DnsInspector } from './dns-inspector.ts';
import { liveToken } from './live-token.ts';
import type { OssGateway } from './oss-gateway.ts';
import { ownershipRecord } from './token-view.ts';

export class ChecksService {
  readonly #gateway: OssGateway;
  readonly #dns: DnsInspector;
  readonly #accounts: AccountBindings;

  constructor(gateway: OssGateway, dns: DnsInspector, accounts: AccountBindings) {
    this.#gateway = gateway;
    this.#dns = dns;
    this.#accounts = accounts;
  }

  inspect(bucket: string, domain: string): Promise<DomainChecksView> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const all = await listBindings(this.#gateway.oss, bucket, region);
      const bound = bindingOf(all, domain) !== undefined;
      const token = bound ? undefined : await liveToken(this.#gateway.oss, bucket, domain, region);
      const target = cnameTarget(bucket, region);
      const others = [...all.map((info) => info.domain), ...this.#accounts.knownDomains()];
      const input = {
        domain,
        expectedToken: token?.token,
        cnameTarget: target,
        otherCustomDomains: others.filter(isValidName),
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
    });
  }
}
