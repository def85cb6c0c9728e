// Shared DNS shapes: the emulator's authoritative server stores them, the pre-flight resolver returns them.

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'NS';

/** The record types the store holds, for runtime checks of JSON input. */
export const DNS_RECORD_TYPES: readonly DnsRecordType[] = ['A', 'AAAA', 'CNAME', 'TXT', 'NS'];

/** What a query may ask for: the stored types plus the zone's SOA. */
export type DnsQueryType = DnsRecordType | 'SOA';

export interface DnsRecordSet {
  type: DnsRecordType;
  /** TXT: one string per record; CNAME/NS: host names; A/AAAA: addresses. */
  values: string[];
  /** Seconds. */
  ttl: number;
}

export interface DnsServerAddress {
  host: string;
  port: number;
}

export interface DnsAnswer {
  name: string;
  type: string;
  ttl: number;
  /** TXT strings of one record joined without separator, as OSS compares them; other types as text. */
  data: string;
}

export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP' | string;

export interface DnsQueryResult {
  rcode: DnsRcode;
  authoritative: boolean;
  answers: DnsAnswer[];
  authorities: DnsAnswer[];
  /** The transport that carried the final answer: 'tcp' after a truncated UDP answer. */
  transport?: 'udp' | 'tcp';
}
