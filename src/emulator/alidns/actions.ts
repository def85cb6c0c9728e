// The three Alidns record actions on the seed's `dnsDomains`: AddDomainRecord, DeleteDomainRecord and
// DescribeDomainRecords, answering Alidns's JSON and refusing what Alidns refuses.

import { normalizeName } from '../../dns/names.ts';
import { DNS_RECORD_TYPES, type DnsRecordType } from '../../dns/types.ts';
import { DnsValidationError } from '../../dns/validation-error.ts';
import { validateRecordSet } from '../dns/record-set.ts';
import type { DnsZoneStore } from '../dns/zone-store.ts';
import type { KeyOwner } from '../state/store.ts';
import { addToZone, removeFromZone } from './dns-sync.ts';
import {
  domainNotFound,
  domainNotYours,
  invalidParameter,
  missingParameter,
  recordConflict,
  recordDuplicate,
  recordNotYours,
} from './errors.ts';
import type { AlidnsRecord, AlidnsRecordStore } from './records.ts';

export interface ActionContext {
  records: AlidnsRecordStore;
  zone: DnsZoneStore;
  /** The seed's dnsDomains, by lower-case name. */
  domains: ReadonlyMap<string, { name: string; owner: string }>;
  caller: KeyOwner;
  params: ReadonlyMap<string, string>;
  now: number;
}

type Body = Record<string, unknown>;

const DEFAULT_TTL = 600;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 500;

function required(ctx: ActionContext, name: string): string {
  const value = ctx.params.get(name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

/** The caller's domain, or Alidns's refusal: unknown to Alidns, or another account's. */
function ownDomain(ctx: ActionContext): string {
  const name = required(ctx, 'DomainName').toLowerCase().replace(/\.$/, '');
  const domain = ctx.domains.get(name);
  if (!domain) throw domainNotFound();
  if (domain.owner !== ctx.caller.account.id) throw domainNotYours();
  return name;
}

function integer(ctx: ActionContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.params.get(name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidParameter(name, `must be ${min}–${max}`);
  return n;
}

function recordType(raw: string): DnsRecordType {
  const type = DNS_RECORD_TYPES.find((t) => t === raw.toUpperCase());
  if (!type) throw invalidParameter('Type', `the emulator stores ${DNS_RECORD_TYPES.join(', ')}`);
  return type;
}

/** Normalized owner name and value, as the DNS server will hold them. */
function placeRecord(domain: string, rr: string, type: DnsRecordType, value: string, ttl: number) {
  const field = (error: unknown, name: string) =>
    error instanceof DnsValidationError ? invalidParameter(name, error.message) : error;
  let fqdn: string;
  try {
    fqdn = normalizeName(rr === '@' ? domain : `${rr}.${domain}`);
  } catch (error) {
    throw field(error, 'RR');
  }
  try {
    const [normalized] = validateRecordSet(fqdn, { type, ttl, values: [value] }).values;
    return { fqdn, value: normalized ?? value };
  } catch (error) {
    throw field(error, 'Value');
  }
}

export function addDomainRecord(ctx: ActionContext): Body {
  const domain = ownDomain(ctx);
  const rr = required(ctx, 'RR');
  const type = recordType(required(ctx, 'Type'));
  const ttl = integer(ctx, 'TTL', DEFAULT_TTL, 1, 86_400);
  const placed = placeRecord(domain, rr, type, required(ctx, 'Value'), ttl);
  const sameName = ctx.records.all().filter((r) => r.fqdn === placed.fqdn);
  if (sameName.some((r) => r.type === type && r.value === placed.value)) throw recordDuplicate();
  // A CNAME owns its name alone (RFC 1034 §3.6.2); Alidns refuses anything beside it.
  if (sameName.some((r) => r.type === 'CNAME' || type === 'CNAME')) throw recordConflict();
  const record: AlidnsRecord = {
    recordId: ctx.records.nextId(),
    domainName: domain,
    rr,
    fqdn: placed.fqdn,
    type,
    value: placed.value,
    ttl,
    owner: ctx.caller.account.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.records.put(record);
  addToZone(ctx.zone, record);
  return { RecordId: record.recordId };
}

export function deleteDomainRecord(ctx: ActionContext): Body {
  const recordId = required(ctx, 'RecordId');
  const record = ctx.records.get(recordId);
  if (!record || record.owner !== ctx.caller.account.id) throw recordNotYours();
  ctx.records.delete(recordId);
  removeFromZone(ctx.zone, record);
  return { RecordId: recordId };
}

function view(r: AlidnsRecord): Body {
  return {
    DomainName: r.domainName,
    RecordId: r.recordId,
    RR: r.rr,
    Type: r.type,
    Value: r.value,
    TTL: r.ttl,
    Line: 'default',
    Status: 'ENABLE',
    Locked: false,
    Weight: 1,
    CreateTimestamp: r.createdAt,
    UpdateTimestamp: r.updatedAt,
  };
}

export function describeDomainRecords(ctx: ActionContext): Body {
  const domain = ownDomain(ctx);
  const keyword = ctx.params.get('RRKeyWord')?.toLowerCase();
  const type = ctx.params.get('Type')?.toUpperCase();
  const pageNumber = integer(ctx, 'PageNumber', 1, 1, 1_000_000);
  const pageSize = integer(ctx, 'PageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const matching = ctx.records
    .all()
    .filter((r) => r.domainName === domain)
    .filter((r) => !keyword || r.rr.toLowerCase().includes(keyword))
    .filter((r) => !type || r.type === type);
  const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    TotalCount: matching.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
    DomainRecords: { Record: page.map(view) },
  };
}
