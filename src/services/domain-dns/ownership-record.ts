// The TXT record OSS reads to decide that the caller owns a domain, as callers must publish it.
import { guessZone } from '../../domain/zone.ts';
import type { DnsRecordView } from '../../schemas/cname-token.ts';

/**
 * The TXT record OSS reads. `dnsZone` is the zone DNS reported for the domain; without it the
 * registrable domain is guessed, which is wrong for delegated sub-zones (shop.example.com).
 */
export function ownershipRecord(domain: string, token: string, dnsZone?: string): DnsRecordView {
  const name = `_dnsauth.${domain}`;
  if (dnsZone !== undefined && (domain === dnsZone || domain.endsWith(`.${dnsZone}`))) {
    return {
      type: 'TXT',
      name,
      zone: dnsZone,
      zoneSource: 'dns',
      host: name.slice(0, -dnsZone.length - 1),
      value: token,
    };
  }
  const { zone, host } = guessZone(domain, name);
  return { type: 'TXT', name, zone, zoneSource: 'guess', host, value: token };
}
