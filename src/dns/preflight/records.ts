// Reading what the pre-flight needs out of query results, and naming records the way DNS consoles
// ask for them (a host relative to the zone).

import type { DnsAnswer, DnsQueryResult } from '../types.ts';
import { parseSoaText } from '../wire-records.ts';

const TXT_PREFIX = '_dnsauth';

/** The TXT record name OSS checks for a domain. */
export function txtRecordName(domain: string): string {
  return `${TXT_PREFIX}.${domain}`;
}

/** The host a DNS console expects for `name` in `zone`: "_dnsauth.img" in example.com, "@" for the apex. */
export function relativeHost(name: string, zone: string): string {
  if (name === zone) return '@';
  return name.endsWith(`.${zone}`) ? name.slice(0, -(zone.length + 1)) : name;
}

/** Records of one type owned by `name` in the answer section. */
export function recordsAt(result: DnsQueryResult, name: string, type: string): DnsAnswer[] {
  return result.answers.filter((answer) => answer.type === type && answer.name === name);
}

/** How long resolvers cache this negative answer: min(SOA TTL, SOA MINIMUM) (RFC 2308 §5). */
export function negativeTtl(result: DnsQueryResult): number | undefined {
  const soa = result.authorities.find((record) => record.type === 'SOA');
  if (soa === undefined) return undefined;
  const minimum = parseSoaText(soa.data)?.minimum;
  return minimum === undefined ? soa.ttl : Math.min(soa.ttl, minimum);
}

/** The TTL that governs when a change at this name becomes visible: the records' or the negative TTL. */
export function visibilityTtl(result: DnsQueryResult, records: DnsAnswer[]): number | undefined {
  return records.length > 0 ? Math.max(...records.map((record) => record.ttl)) : negativeTtl(result);
}

/** The largest of the given TTLs, ignoring missing ones. */
export function maxTtl(ttls: Array<number | undefined>): number | undefined {
  const known = ttls.filter((ttl): ttl is number => ttl !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}
