// Validation of record sets before they enter the zone store: the emulator's admin API forwards JSON
// from tests and operators, so every field is checked at runtime and errors name the field.

import { isIPv4, isIPv6, SocketAddress } from 'node:net';
import { encodingLength } from 'dns-packet';
import { normalizeName } from '../../dns/names.ts';
import { DNS_RECORD_TYPES, type DnsRecordSet, type DnsRecordType } from '../../dns/types.ts';
import { DnsValidationError } from '../../dns/validation-error.ts';
import { toWireAnswers } from '../../dns/wire-records.ts';

/** RFC 2181 §8: TTLs are unsigned 31-bit. */
const MAX_TTL = 2_147_483_647;
/** A record set must fit one TCP message (65535 bytes) beside a question and a header. */
const MAX_RRSET_WIRE_BYTES = 65_000;

function invalid(field: string, message: string): DnsValidationError {
  return new DnsValidationError('DNS_INVALID_RECORD', field, message);
}

export function parseRecordType(type: unknown): DnsRecordType {
  const upper = typeof type === 'string' ? type.toUpperCase() : undefined;
  const found = DNS_RECORD_TYPES.find((known) => known === upper);
  if (found === undefined) {
    throw invalid('type', `record type must be one of ${DNS_RECORD_TYPES.join(', ')}; got ${String(type)}`);
  }
  return found;
}

function normalizeValue(type: DnsRecordType, value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, `${type} values must be strings`);
  switch (type) {
    case 'A':
      if (!isIPv4(value)) throw invalid(field, `"${value}" is not an IPv4 address`);
      return value;
    case 'AAAA':
      if (!isIPv6(value)) throw invalid(field, `"${value}" is not an IPv6 address`);
      // The canonical text form, so stored values compare equal to what a query returns.
      return new SocketAddress({ address: value, family: 'ipv6' }).address;
    case 'CNAME':
    case 'NS':
      try {
        return normalizeName(value, field);
      } catch (error) {
        throw invalid(field, (error as Error).message);
      }
    case 'TXT':
      return value;
  }
}

/** Checks and normalizes a record set; the owner name is only used to measure the wire size. */
export function validateRecordSet(name: string, input: DnsRecordSet): DnsRecordSet {
  const type = parseRecordType(input.type);
  const { ttl, values } = input;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) {
    throw invalid('ttl', `ttl must be an integer number of seconds between 0 and ${MAX_TTL}`);
  }
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid('values', 'values must be a non-empty array');
  }
  // An RRset is a set (RFC 2181 §5): repeated values collapse into one record.
  const unique = [...new Set(values.map((value, index) => normalizeValue(type, value, `values[${index}]`)))];
  if (type === 'CNAME' && unique.length > 1) {
    throw invalid('values', 'a name holds at most one CNAME record (RFC 1034 §3.6.2)');
  }
  const rrset: DnsRecordSet = { type, ttl, values: unique };
  const bytes = encodingLength({ answers: toWireAnswers(name, rrset) });
  if (bytes > MAX_RRSET_WIRE_BYTES) {
    throw invalid(
      'values',
      `the record set takes ${bytes} bytes on the wire; one DNS message carries at most 65535`,
    );
  }
  return rrset;
}
