// Mirrors Alidns records into the DNS server's zone store, so an added record resolves at once. A
// record's value joins the record set of its name and type (which the admin API may also have filled),
// and leaves it on delete; the set takes the TTL of the record written last.

import type { DnsZoneStore } from '../dns/zone-store.ts';
import type { AlidnsRecord } from './records.ts';

export function addToZone(store: DnsZoneStore, record: AlidnsRecord): void {
  const current = store.get(record.fqdn).find((rrset) => rrset.type === record.type);
  const values = [...(current?.values ?? []), record.value];
  store.set(record.fqdn, { type: record.type, ttl: record.ttl, values });
}

export function removeFromZone(store: DnsZoneStore, record: AlidnsRecord): void {
  const current = store.get(record.fqdn).find((rrset) => rrset.type === record.type);
  if (!current) return;
  const values = current.values.filter((v) => v !== record.value);
  if (values.length === 0) store.delete(record.fqdn, record.type);
  else store.set(record.fqdn, { ...current, values });
}
