// An OSS CnameToken as the JSON callers read: the token plus the exact records to publish.
import type { CnameToken } from '../../oss/index.ts';
import type { CnameTokenView } from '../../schemas/cname-token.ts';
import { isoOf } from '../bindings/index.ts';
import { cnameTarget, ownershipRecord } from '../domain-dns/index.ts';

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
