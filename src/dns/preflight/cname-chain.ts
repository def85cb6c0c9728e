// Check `cname-chain`: a CNAME that reaches the bucket through another custom domain
// (domain → other custom domain → OSS) does not work with OSS (protocol §6): point it directly.

import { makeCheck, NOTHING_TO_DO } from './check.ts';
import { type ChainWalk, chainText } from './cname-chain-walk.ts';
import { describeFailures } from './lookup.ts';
import { relativeHost } from './records.ts';
import type { PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

export interface CnameChainContext {
  zone: ZoneInfo | undefined;
  domain: string;
  target: string;
  chain: ChainWalk;
  otherCustomDomains: Set<string>;
}

export function checkCnameChain(ctx: CnameChainContext): PreflightCheck {
  const id = 'cname-chain';
  const { chain, domain, target } = ctx;
  if (chain.failures !== undefined) {
    const summary = `Could not follow the CNAME of ${domain}: ${describeFailures(chain.failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the resolvers are reachable, then retry.');
  }
  // Only the names before the target matter; what the endpoint itself aliases to is OSS's business.
  const reached = chain.hops.findIndex((hop) => hop.to === target);
  const before = chain.hops.slice(0, reached === -1 ? chain.hops.length : reached).map((hop) => hop.to);
  const through = before.filter((name) => ctx.otherCustomDomains.has(name));
  const path = chainText(domain, chain);
  const observed = { chain: path, customDomainsInChain: through };
  if (through.length === 0) {
    const summary = `The CNAME of ${domain} does not pass through another custom domain.`;
    return makeCheck(id, 'pass', summary, NOTHING_TO_DO, { observed });
  }
  const summary = `${path} goes through the custom domain ${through.join(', ')}; OSS does not serve a domain chained through another custom domain.`;
  const host = ctx.zone === undefined ? domain : relativeHost(domain, ctx.zone.name);
  const fix = `Point the CNAME record with host "${host}" directly at ${target}.`;
  return makeCheck(id, 'fail', summary, fix, { observed, ttl: chain.hops[0]?.ttl });
}
