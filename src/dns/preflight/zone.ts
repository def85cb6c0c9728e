// Finds the zone that holds a domain and the addresses of its name servers, through the resolvers:
// SOA queries walk up the labels (a negative answer names the zone in its authority SOA), NS gives the
// servers, and their A records (AAAA when a server has none) give the addresses to ask directly.

import { isInZone, selfAndAncestors } from '../names.ts';
import type { DnsServerAddress } from '../types.ts';
import { parseSoaText } from '../wire-records.ts';
import { firstAnswer, type Lookup } from './lookup.ts';
import { isPublicAddress } from './public-address.ts';
import { recordsAt } from './records.ts';
import type { NameServer } from './types.ts';

/** More name servers add little: each one is asked for every check. */
const MAX_NAME_SERVERS = 4;

/**
 * SOA lookups one zone discovery may make. The walk goes on past a name only when it holds a CNAME (or an
 * answer without SOA), so real names find their zone within two or three; a caller's name of 120 labels
 * under a wildcard CNAME would otherwise cost 120 sequential lookups (issue 19, F5). Past the cap the
 * zone stays unknown and the checks ask the resolvers alone.
 */
export const MAX_SOA_LOOKUPS = 8;

export interface ZoneInfo {
  name: string;
  nameServers: NameServer[];
  /** The name servers' addresses on the authoritative port. */
  servers: DnsServerAddress[];
}

/** The zone apex and its SOA's primary server; undefined when no resolver answered. */
async function findApex(
  lookup: Lookup,
  resolvers: DnsServerAddress[],
  domain: string,
): Promise<{ apex: string; mname: string | undefined } | undefined> {
  // A single label is a TLD: no customer zone sits there.
  const candidates = selfAndAncestors(domain).filter((name) => name.includes('.'));
  for (const candidate of candidates.slice(0, MAX_SOA_LOOKUPS)) {
    const { answer } = await firstAnswer(lookup, resolvers, candidate, 'SOA');
    if (answer === undefined) return undefined;
    // A CNAME at the candidate makes resolvers answer with the target's zone; only an SOA that
    // encloses the candidate names its zone.
    const soa = [...answer.result.answers, ...answer.result.authorities].find(
      (record) => record.type === 'SOA' && isInZone(candidate, record.name),
    );
    if (soa !== undefined) return { apex: soa.name, mname: parseSoaText(soa.data)?.mname };
  }
  return undefined;
}

async function addressesOf(lookup: Lookup, resolvers: DnsServerAddress[], host: string): Promise<string[]> {
  for (const type of ['A', 'AAAA'] as const) {
    const { answer } = await firstAnswer(lookup, resolvers, host, type);
    const addresses =
      answer?.result.answers.filter((record) => record.type === type).map((record) => record.data) ?? [];
    if (addresses.length > 0) return addresses;
  }
  return [];
}

export async function discoverZone(
  lookup: Lookup,
  resolvers: DnsServerAddress[],
  domain: string,
  authoritativePort: number,
): Promise<ZoneInfo | undefined> {
  const found = await findApex(lookup, resolvers, domain);
  if (found === undefined) return undefined;
  const { apex, mname } = found;
  const { answer } = await firstAnswer(lookup, resolvers, apex, 'NS');
  const listed =
    answer === undefined ? [] : recordsAt(answer.result, apex, 'NS').map((record) => record.data);
  // Without NS records the SOA's primary server is the best remaining guess.
  const hosts = (listed.length > 0 ? listed : mname === undefined ? [] : [mname]).slice(0, MAX_NAME_SERVERS);
  const nameServers = await Promise.all(
    hosts.map(async (host) => ({ host, addresses: await addressesOf(lookup, resolvers, host) })),
  );
  // Name servers often share addresses (or, in tests, all sit on 127.0.0.1): ask each address once.
  const unique = [...new Set(nameServers.flatMap((ns) => ns.addresses))];
  // On port 53 these are real name servers on the internet: never internal addresses. Only tests and the
  // emulator move the port, and their name servers sit on 127.0.0.1.
  const addresses = authoritativePort === 53 ? unique.filter(isPublicAddress) : unique;
  const servers = addresses.map((host) => ({ host, port: authoritativePort }));
  return { name: apex, nameServers, servers };
}
