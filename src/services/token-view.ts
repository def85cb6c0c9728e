// An OSS CnameToken as the JSON callers read: the token plus the exact records to publish.
import { guessZone } from '../domain/zone.ts';
import type { CnameToken } from '../oss/types.ts';
import type { CnameTokenView, DnsRecordView } from '../schemas/cname-token.ts';
import { isoOf } from './binding-view.ts';
import { cnameTarget } from './cname-target.ts';

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

export function tokenView(
  bucket: string,
  domain: string,
  region: string,
  token: CnameToken,
  dnsZone?: string,
): CnameTokenView {
  return {
    bucket,
    domain,
    token: token.token,
    expiresAt: isoOf(token.expireTime),
    dnsRecords: [ownershipRecord(domain, token.token, dnsZone)],
    cnameTarget: cnameTarget(bucket, region),
  };
}
