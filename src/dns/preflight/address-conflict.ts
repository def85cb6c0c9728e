// Check `address-conflict`: A/AAAA records owned by the domain itself. Beside a CNAME they are a
// conflict (RFC 1034 §3.6.2, and providers resolve it unpredictably); without a CNAME they keep
// traffic away from the bucket unless they are a flattened copy of the target's addresses.

import type { DnsServerAddress } from '../types.ts';
import { makeCheck, NOTHING_TO_DO } from './check.ts';
import { describeFailures, firstAnswer, type Lookup } from './lookup.ts';
import { maxTtl, recordsAt, relativeHost } from './records.ts';
import type { PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

export interface AddressContext {
  lookup: Lookup;
  resolvers: DnsServerAddress[];
  zone: ZoneInfo | undefined;
  domain: string;
  target: string;
  bound: boolean;
  targetAddresses: string[];
}

export async function checkAddressConflict(ctx: AddressContext): Promise<PreflightCheck> {
  const id = 'address-conflict';
  const { domain } = ctx;
  // The name servers show what is configured; resolvers when the zone's servers are unknown.
  const servers = ctx.zone !== undefined && ctx.zone.servers.length > 0 ? ctx.zone.servers : ctx.resolvers;
  const lookups = await Promise.all(
    (['A', 'AAAA', 'CNAME'] as const).map(async (type) => ({
      type,
      ...(await firstAnswer(ctx.lookup, servers, domain, type)),
    })),
  );
  const failures = lookups
    .filter((lookup) => lookup.answer === undefined)
    .flatMap((lookup) => lookup.failures);
  if (failures.length > 0) {
    const summary = `Could not look up the records of ${domain}: ${describeFailures(failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the DNS servers are reachable, then retry.');
  }
  const owned = (type: string) =>
    lookups.flatMap((lookup) =>
      lookup.answer === undefined ? [] : recordsAt(lookup.answer.result, domain, type),
    );
  const own = [...owned('A'), ...owned('AAAA')];
  const hasCname = owned('CNAME').length > 0;
  const addresses = own.map((record) => record.data);
  const observed = { addresses, hasCname };
  const ttl = maxTtl(own.map((record) => record.ttl));
  const host = ctx.zone === undefined ? domain : relativeHost(domain, ctx.zone.name);
  if (own.length === 0) {
    return makeCheck(id, 'pass', `${domain} holds no A/AAAA records of its own.`, NOTHING_TO_DO, {
      observed,
    });
  }
  if (hasCname) {
    const summary = `${domain} holds A/AAAA records (${addresses.join(', ')}) beside its CNAME; a name with a CNAME can hold nothing else.`;
    const fix = `Delete the A/AAAA records with host "${host}" and keep only the CNAME.`;
    return makeCheck(id, 'fail', summary, fix, { observed, ttl });
  }
  if (addresses.every((address) => ctx.targetAddresses.includes(address))) {
    const summary = `${domain}'s addresses are ${ctx.target}'s own (a flattened CNAME).`;
    return makeCheck(id, 'pass', summary, NOTHING_TO_DO, { observed });
  }
  const summary = `${domain} points at ${addresses.join(', ')} with A/AAAA records instead of a CNAME to ${ctx.target}.`;
  const fix = `Replace the A/AAAA records with host "${host}" by a CNAME record pointing to ${ctx.target}.`;
  return makeCheck(id, ctx.bound ? 'fail' : 'pending', summary, fix, { observed, ttl });
}
