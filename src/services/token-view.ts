// An OSS CnameToken as the JSON callers read: the token plus the exact records to publish.
import { guessZone } from '../domain/zone.ts';
import type { CnameToken } from '../oss/types.ts';
import type { CnameTokenView, DnsRecordView } from '../schemas/cname-token.ts';
import { isoOf } from './binding-view.ts';
import { cnameTarget } from './cname-target.ts';

export function ownershipRecord(domain: string, token: string): DnsRecordView {
  const name = `_dnsauth.${domain}`;
  const { zone, host } = guessZone(domain, name);
  return { type: 'TXT', name, zone, host, value: token };
}

export function tokenView(bucket: string, domain: string, region: string, token: CnameToken): CnameTokenView {
  return {
    bucket,
    domain,
    token: token.token,
    expiresAt: isoOf(token.expireTime),
    dnsRecords: [ownershipRecord(domain, token.token)],
    cnameTarget: cnameTarget(bucket, region),
  };
}
