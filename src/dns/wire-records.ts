// Conversion between the store's record sets and dns-packet answers, in both directions.

import type { Answer, SoaData } from 'dns-packet';
import { joinTxt, splitTxt } from './txt.ts';
import type { DnsAnswer, DnsRecordSet } from './types.ts';

/** One dns-packet answer per value of the record set, owned by `name`. */
export function toWireAnswers(name: string, rrset: DnsRecordSet): Answer[] {
  const { type, ttl } = rrset;
  if (type === 'TXT') {
    return rrset.values.map((value): Answer => ({ name, type, class: 'IN', ttl, data: splitTxt(value) }));
  }
  return rrset.values.map((value): Answer => ({ name, type, class: 'IN', ttl, data: value }));
}

/** Zone-file presentation of an SOA: "mname rname serial refresh retry expire minimum". */
function soaText(soa: SoaData): string {
  return [soa.mname, soa.rname, soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum]
    .map((part) => String(part ?? 0))
    .join(' ');
}

/** Parses soaText back; undefined when the text is not an SOA presentation. */
export function parseSoaText(data: string): Required<SoaData> | undefined {
  const parts = data.split(' ');
  if (parts.length !== 7) return undefined;
  const [mname = '', rname = '', ...numbers] = parts;
  const [serial, refresh, retry, expire, minimum] = numbers.map(Number);
  if ([serial, refresh, retry, expire, minimum].some((n) => n === undefined || !Number.isFinite(n))) {
    return undefined;
  }
  return {
    mname,
    rname,
    serial: serial ?? 0,
    refresh: refresh ?? 0,
    retry: retry ?? 0,
    expire: expire ?? 0,
    minimum: minimum ?? 0,
  };
}

function stripDot(name: string): string {
  return name === '.' ? name : name.toLowerCase().replace(/\.$/, '');
}

/** A decoded answer as the typed DnsAnswer: TXT joined, names normalized, SOA in zone-file form. */
export function fromWireAnswer(answer: Answer): DnsAnswer {
  const base = { name: stripDot(answer.name), type: answer.type };
  if (answer.type === 'OPT') return { ...base, ttl: 0, data: '' };
  const ttl = answer.ttl ?? 0;
  switch (answer.type) {
    case 'TXT':
      return { ...base, ttl, data: joinTxt(Array.isArray(answer.data) ? answer.data : [answer.data]) };
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'DNAME':
      return { ...base, ttl, data: stripDot(answer.data) };
    case 'SOA':
      return {
        ...base,
        ttl,
        data: soaText({
          ...answer.data,
          mname: stripDot(answer.data.mname),
          rname: stripDot(answer.data.rname),
        }),
      };
    default: {
      // Types the service never asks for are kept readable rather than dropped.
      const data: unknown = answer.data;
      const text = Buffer.isBuffer(data)
        ? data.toString('hex')
        : typeof data === 'string'
          ? data
          : JSON.stringify(data);
      return { ...base, ttl, data: text };
    }
  }
}
