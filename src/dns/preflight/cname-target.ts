// Check `cname-target`: does the domain lead to this bucket's endpoint? Before binding a missing or
// different CNAME is expected (pending, with the record to create); after binding it is a failure.

import { makeCheck, NOTHING_TO_DO, waitPhrase } from './check.ts';
import { type ChainWalk, chainText } from './cname-chain-walk.ts';
import { describeFailures, firstAnswer, type Lookup } from './lookup.ts';
import { recordsAt, relativeHost } from './records.ts';
import type { PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

export interface CnameTargetContext {
  lookup: Lookup;
  zone: ZoneInfo | undefined;
  domain: string;
  target: string;
  bound: boolean;
  chain: ChainWalk;
  /** Addresses of the domain and of the target, for zones that flatten a CNAME (ALIAS records). */
  domainAddresses: string[];
  targetAddresses: string[];
}

/** The CNAME the name servers publish, to tell "not set" from "set, not yet visible". */
async function publishedCname(ctx: CnameTargetContext): Promise<string | undefined> {
  const servers = ctx.zone?.servers ?? [];
  if (servers.length === 0) return undefined;
  const { answer } = await firstAnswer(ctx.lookup, servers, ctx.domain, 'CNAME');
  return answer === undefined ? undefined : recordsAt(answer.result, ctx.domain, 'CNAME')[0]?.data;
}

function isFlattened(ctx: CnameTargetContext): boolean {
  const { chain, domainAddresses, targetAddresses } = ctx;
  return (
    chain.hops.length === 0 &&
    domainAddresses.length > 0 &&
    domainAddresses.every((address) => targetAddresses.includes(address))
  );
}

export async function checkCnameTarget(ctx: CnameTargetContext): Promise<PreflightCheck> {
  const id = 'cname-target';
  const { chain, domain, target } = ctx;
  const host = ctx.zone === undefined ? domain : relativeHost(domain, ctx.zone.name);
  const path = chainText(domain, chain);
  const observed = { chain: path, expected: { type: 'CNAME', name: domain, host, value: target } };
  if (chain.failures !== undefined) {
    const summary = `Could not follow the CNAME of ${domain}: ${describeFailures(chain.failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the resolvers are reachable, then retry.', {
      observed,
    });
  }
  const first = chain.hops[0];
  if (chain.hops.some((hop) => hop.to === target)) {
    return makeCheck(id, 'pass', `${path} reaches ${target}.`, NOTHING_TO_DO, { observed, ttl: first?.ttl });
  }
  if (isFlattened(ctx)) {
    const summary = `${domain} has no CNAME but resolves to ${target}'s addresses (CNAME flattening or ALIAS).`;
    return makeCheck(id, 'pass', summary, NOTHING_TO_DO, { observed });
  }
  // How long resolvers keep showing the current state once the record is fixed.
  const ttl = first?.ttl ?? chain.negativeTtl;
  if ((await publishedCname(ctx)) === target) {
    const summary = `The name servers publish ${domain} CNAME ${target}; resolvers still see ${first?.to ?? 'no CNAME'}.`;
    const fix = `Wait ${waitPhrase(ttl)} for resolvers to pick it up, then retry.`;
    return makeCheck(id, 'pending', summary, fix, { observed, ttl });
  }
  const status = ctx.bound ? 'fail' : 'pending';
  if (first === undefined) {
    const apexNote =
      ctx.zone?.name === domain
        ? " (at a zone apex use your provider's CNAME flattening or ALIAS record)"
        : '';
    const consequence = ctx.bound ? ', so requests do not reach the bucket' : ' yet';
    const fix = `Create a CNAME record with host "${host}" pointing to ${target}${apexNote}.`;
    return makeCheck(id, status, `${domain} has no CNAME record${consequence}.`, fix, { observed, ttl });
  }
  const summary = `${path} does not lead to ${target}${chain.loop ? ' (the chain loops)' : ''}.`;
  const fix = `Change the CNAME record with host "${host}" to point to ${target}.`;
  return makeCheck(id, status, summary, fix, { observed, ttl });
}
