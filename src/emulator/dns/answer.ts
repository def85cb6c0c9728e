// The authoritative answer to one question, computed from the zone store: positive data, CNAMEs
// (answered for any type and chased through names the store holds), NXDOMAIN vs NODATA, and the
// zone's SOA in the authority section of negative answers so resolvers can cache them (RFC 2308).

import type { Answer } from 'dns-packet';
import { DNS_RECORD_TYPES, type DnsRecordType } from '../../dns/types.ts';
import { toWireAnswers } from '../../dns/wire-records.ts';
import { type SoaSettings, soaRecord, zoneApex } from './zone-apex.ts';
import type { DnsZoneStore } from './zone-store.ts';

/** Longer chains are cut: real resolvers give up around 8–16 hops, and loops must end. */
const MAX_CNAME_HOPS = 8;

export interface AnswerSections {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
  authorities: Answer[];
}

function storedType(type: string): DnsRecordType | undefined {
  return DNS_RECORD_TYPES.find((known) => known === type);
}

/** Every stored record set at a name, for ANY queries. */
function allRecords(store: DnsZoneStore, name: string, owner: string): Answer[] {
  return DNS_RECORD_TYPES.flatMap((type) => {
    const rrset = store.find(name, type);
    return rrset === undefined ? [] : toWireAnswers(owner, rrset);
  });
}

/**
 * Answers `qtype` at `qname` (normalized). `owner` is the query name as the client spelled it, so the
 * first records carry the client's case like real servers do.
 */
export function answerQuestion(
  store: DnsZoneStore,
  qname: string,
  qtype: string,
  owner: string,
  settings: SoaSettings,
): AnswerSections {
  const answers: Answer[] = [];
  const visited = new Set<string>();
  let name = qname;
  let ownerName = owner;
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    visited.add(name);
    const apex = zoneApex(store, name);
    if (qtype === 'SOA' && name === apex) {
      return {
        rcode: 'NOERROR',
        answers: [...answers, { ...soaRecord(store, apex, settings), name: ownerName }],
        authorities: [],
      };
    }
    const own = qtype === 'ANY' ? allRecords(store, name, ownerName) : [];
    const type = storedType(qtype);
    const rrset = type === undefined ? undefined : store.find(name, type);
    if (rrset !== undefined) own.push(...toWireAnswers(ownerName, rrset));
    if (own.length > 0) return { rcode: 'NOERROR', answers: [...answers, ...own], authorities: [] };

    const cname = store.find(name, 'CNAME');
    const target = cname?.values[0];
    if (cname !== undefined && target !== undefined) {
      answers.push(...toWireAnswers(ownerName, cname));
      // Only targets this server holds are chased; others are left to the resolver, like an
      // authoritative server does for out-of-zone targets. Loops and over-long chains stop here.
      if (visited.has(target) || !store.exists(target)) return { rcode: 'NOERROR', answers, authorities: [] };
      name = target;
      ownerName = target;
      continue;
    }
    // The apex always exists: it owns the (synthesized) SOA even when no record is stored there.
    const exists = name === apex || store.exists(name);
    return {
      rcode: exists ? 'NOERROR' : 'NXDOMAIN',
      answers,
      authorities: [soaRecord(store, apex, settings)],
    };
  }
  return { rcode: 'NOERROR', answers, authorities: [] };
}
