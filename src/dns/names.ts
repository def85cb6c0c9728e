// Domain-name rules shared by the zone store, the server and the query client. Names are compared
// case-insensitively (RFC 4343), so everything is kept lower-case and without the trailing root dot.

import { DnsValidationError } from './validation-error.ts';

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
// Letters, digits and hyphen (host names) plus underscore, which service labels such as _dnsauth need.
const LABEL_PATTERN = /^[a-z0-9_-]+$/;

/** Lower-cases and strips the trailing dot; throws DnsValidationError for names DNS cannot carry. */
export function normalizeName(input: string, field = 'name'): string {
  if (typeof input !== 'string') {
    throw new DnsValidationError('DNS_INVALID_NAME', field, 'a domain name must be a string');
  }
  const name = input.trim().toLowerCase().replace(/\.$/, '');
  if (name.length === 0) {
    throw new DnsValidationError('DNS_INVALID_NAME', field, 'a domain name must not be empty');
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new DnsValidationError(
      'DNS_INVALID_NAME',
      field,
      `"${input}" is ${name.length} characters long; a domain name holds at most ${MAX_NAME_LENGTH}`,
    );
  }
  for (const label of name.split('.')) {
    if (label.length === 0) {
      throw new DnsValidationError('DNS_INVALID_NAME', field, `"${input}" has an empty label`);
    }
    if (label.length > MAX_LABEL_LENGTH) {
      throw new DnsValidationError(
        'DNS_INVALID_NAME',
        field,
        `label "${label}" of "${input}" is ${label.length} characters long; a label holds at most ${MAX_LABEL_LENGTH}`,
      );
    }
    if (!LABEL_PATTERN.test(label)) {
      throw new DnsValidationError(
        'DNS_INVALID_NAME',
        field,
        `label "${label}" of "${input}" may only hold letters, digits, "-" and "_" (use punycode for IDNs)`,
      );
    }
  }
  return name;
}

/** True when normalizeName would accept the input. */
export function isValidName(input: string): boolean {
  try {
    normalizeName(input);
    return true;
  } catch {
    return false;
  }
}

/** The name one label up, or undefined for a single-label name. Expects a normalized name. */
function parentName(name: string): string | undefined {
  const dot = name.indexOf('.');
  return dot === -1 ? undefined : name.slice(dot + 1);
}

/** The name itself, then each enclosing name up to the top-level label. */
export function selfAndAncestors(name: string): string[] {
  const names: string[] = [];
  for (let current: string | undefined = name; current !== undefined; current = parentName(current)) {
    names.push(current);
  }
  return names;
}

/** True when `name` equals `zone` or lies below it. Both normalized. */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

// Generic second-level labels that registries place under country codes (com.cn, co.uk, ac.jp, …).
const GENERIC_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'ltd', 'me', 'net', 'or', 'org']);

/** The registrable-looking parent of a normalized name; a name shorter than that is its own apex. */
export function registrableParent(name: string): string {
  const labels = name.split('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2);
  const keep = tld.length === 2 && second !== undefined && GENERIC_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-Math.min(keep, labels.length)).join('.');
}
