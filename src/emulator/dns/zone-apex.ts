// The emulator's server holds records for many unrelated domains without explicit zones, so it
// synthesizes the zone that would own a name: the nearest enclosing name with NS records, else the
// registrable-looking parent (example.com for a.b.example.com; example.com.cn / example.co.uk where the
// second level is a generic label under a two-letter country code). Its SOA carries the negative TTL.

import type { Answer } from 'dns-packet';
import { registrableParent, selfAndAncestors } from '../../dns/names.ts';
import type { DnsZoneStore } from './zone-store.ts';

export interface SoaSettings {
  /** Seconds: the SOA TTL and MINIMUM field, i.e. how long resolvers cache negative answers. */
  negativeTtl: number;
}

/** The apex of the zone that owns a normalized name. */
export function zoneApex(store: DnsZoneStore, name: string): string {
  const delegated = selfAndAncestors(name).find((candidate) => store.find(candidate, 'NS') !== undefined);
  return delegated ?? registrableParent(name);
}

/** The SOA of a zone: MNAME is its first NS host when it has one; SERIAL follows the store's changes. */
export function soaRecord(store: DnsZoneStore, apex: string, settings: SoaSettings): Answer {
  const mname = store.find(apex, 'NS')?.values[0] ?? `ns1.${apex}`;
  return {
    name: apex,
    type: 'SOA',
    class: 'IN',
    ttl: settings.negativeTtl,
    data: {
      mname,
      rname: `hostmaster.${apex}`,
      serial: store.serial,
      refresh: 3600,
      retry: 600,
      expire: 604_800,
      minimum: settings.negativeTtl,
    },
  };
}
