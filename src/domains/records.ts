// The DNS records a managed domain asks its owner to publish, placed in the zone DNS reported (or the
// guessed registrable domain): the ownership TXT, the traffic CNAME and, for managed certificates, the
// delegated `_acme-challenge` CNAME that lets renewals run without the owner.
import { guessZone } from '../domain/zone.ts';
import type { DnsRecordRow } from './row.ts';

function place(domain: string, name: string, dnsZone: string | undefined): { zone: string; host: string } {
  if (dnsZone !== undefined && (domain === dnsZone || domain.endsWith(`.${dnsZone}`))) {
    return { zone: dnsZone, host: name === dnsZone ? '@' : name.slice(0, -dnsZone.length - 1) };
  }
  return guessZone(domain, name);
}

export interface RecordsInput {
  domain: string;
  /** `<bucket>.oss-<region>.aliyuncs.com`. */
  cnameTarget: string;
  /** The zone DNS reported for the domain (SOA owner), when known. */
  dnsZone?: string | undefined;
  /** The live ownership token, when one exists. */
  token?: string | undefined;
  /** Where `_acme-challenge.<domain>` must point (`<label>.<our zone>`); managed certificates only. */
  acmeChallengeTarget?: string | undefined;
}

export function domainRecords(input: RecordsInput): DnsRecordRow[] {
  const { domain, dnsZone } = input;
  const record = (
    purpose: DnsRecordRow['purpose'],
    type: DnsRecordRow['type'],
    name: string,
    value: string,
  ) => ({
    purpose,
    type,
    name,
    ...place(domain, name, dnsZone),
    value,
    satisfied: false,
  });
  const records: DnsRecordRow[] = [];
  if (input.token !== undefined) records.push(record('ownership', 'TXT', `_dnsauth.${domain}`, input.token));
  records.push(record('traffic', 'CNAME', domain, input.cnameTarget));
  if (input.acmeChallengeTarget !== undefined) {
    records.push(record('acme-challenge', 'CNAME', `_acme-challenge.${domain}`, input.acmeChallengeTarget));
  }
  return records;
}
