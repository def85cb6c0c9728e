// Checks `cname-target` (does the domain lead to this bucket's endpoint?) and `cname-chain` (does it
// get there through another custom domain, which OSS cannot serve?).

import type { DnsServerAddress } from '../types.ts';
import { makeCheck, NOTHING_TO_DO, waitPhrase } from './check.ts';
import type { ChainWalk } from './cname-chain-walk.ts';
import { describeFailures, firstAnswer, type Lookup } from './lookup.ts';
import { recordsAt, relativeHost } from './records.ts';
import type { PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

export interface CnameContext {
  lookup: Lookup;
  zone: ZoneInfo | undefined;
  domain: string;
  target: string;
  bound: boolean;
  chain: ChainWalk;
  /** Addresses of the domain and of the target, for zones that flatten a CNAME at the apex. */
  domainAddresses: string[];
  targetAddresses: string[];
  otherCustomDomains: Set<string>;
}

function chainText(domain: string, chain: ChainWalk): string {
  return [domain, ...chain.hops.map((hop) => hop.to)].join(' → ');
}

/** What the name servers publish as the CNAME, to tell "not set" from "set, not yet visible". */
async function publishedCname(ctx: CnameContext): Promise<string | undefined> {
  const servers: DnsServerAddress[] = ctx.zone?.servers ?? [];
  if (servers.length === 0) return undefined;
  const { answer } = await firstAnswer(ctx.lookup, servers, ctx.domain, 'CNAME');
  return answer === undefined ? undefined : recordsAt(answer.result, ctx.domain, 'CNAME')[0]?.data;
}

export async function checkCnameTarget(ctx: CnameContext): Promise<PreflightCheck> {
  const id = 'cname-target';
  const { chain, domain, target } = ctx;
  const host = ctx.zone === undefined ? domain : relativeHost(domain, ctx.zone.name);
  const observed = {
    chain: chainText(domain, chain),
    expected: { type: 'CNAME', name: domain, host, value: target },
  };
  if (chain.failures !== undefined) {
    const summary = `Could not follow the CNAME of ${domain}: ${describeFailures(chain.failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the resolvers are reachable, then retry.', {
      observed,
    });
  }
  const reaching = chain.hops.findIndex((hop) => hop.to === target);
  if (reaching !== -1) {
    const ttl = chain.hops[0]?.ttl;
    return makeCheck(id, 'pass', `${chainText(domain, chain)} reaches ${target}.`, NOTHING_TO_DO, {
      observed,
      ttl,
    });
  }
  const flattened =
    chain.hops.length === 0 &&
    ctx.domainAddresses.length > 0 &&
    ctx.domainAddresses.every((address) => ctx.targetAddresses.includes(address));
  if (flattened) {
    const summary = `${domain} has no CNAME but resolves to ${target}'s addresses (CNAME flattening or ALIAS).`;
    return makeCheck(id, 'pass', summary, NOTHING_TO_DO, { observed });
  }
  const current = chain.hops[0];
  const ttl = current?.ttl ?? chain.negativeTtl;
  if ((await publishedCname(ctx)) === target) {
    const summary = `The name servers publish ${domain} CNAME ${target}; resolvers still see ${current?.to ?? 'no CNAME'}.`;
    return makeCheck(
      id,
      'pending',
      summary,
      `Wait ${waitPhrase(ttl)} for resolvers to pick it up, then retry.`,
      {
        observed,
        ttl,
      },
    );
  }
  const status = ctx.bound ? 'fail' : 'pending';
  const apexNote =
    ctx.zone?.name === domain ? " (at a zone apex use your provider's CNAME flattening or ALIAS record)" : '';
  if (current === undefined) {
    const summary = `${domain} has no CNAME record${ctx.bound ? ', so requests do not reach the bucket' : ' yet'}.`;
    return makeCheck(
      id,
      status,
      summary,
      `Create a CNAME record with host "${host}" pointing to ${target}${apexNote}.`,
      {
        observed,
        ttl,
      },
    );
  }
  const summary = `${chainText(domain, chain)} does not lead to ${target}${chain.loop ? ' (the chain loops)' : ''}.`;
  return makeCheck(
    id,
    status,
    summary,
    `Change the CNAME record with host "${host}" to point to ${target}.`,
    {
      observed,
      ttl,
    },
  );
}

export function checkCnameChain(ctx: CnameContext): PreflightCheck {
  const id = 'cname-chain';
  const { chain, domain, target } = ctx;
  if (chain.failures !== undefined) {
    const summary = `Could not follow the CNAME of ${domain}: ${describeFailures(chain.failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the resolvers are reachable, then retry.');
  }
  const through = chain.hops.map((hop) => hop.to).filter((name) => ctx.otherCustomDomains.has(name));
  const observed = { chain: chainText(domain, chain), customDomainsInChain: through };
  if (through.length === 0) {
    return makeCheck(
      id,
      'pass',
      `The CNAME of ${domain} does not pass through another custom domain.`,
      NOTHING_TO_DO,
      {
        observed,
      },
    );
  }
  const summary = `${chainText(domain, chain)} goes through the custom domain ${through.join(', ')}; OSS does not serve a domain chained through another custom domain.`;
  const host = ctx.zone === undefined ? domain : relativeHost(domain, ctx.zone.name);
  return makeCheck(id, 'fail', summary, `Point the CNAME record with host "${host}" directly at ${target}.`, {
    observed,
    ttl: chain.hops[0]?.ttl,
  });
}
