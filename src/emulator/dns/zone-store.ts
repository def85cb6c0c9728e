// In-memory zone data of the emulator's authoritative DNS server. Mutations bump a serial that the
// synthesized SOA carries, so a resolver (or a test) can tell that the zone changed.

import { normalizeName } from '../../dns/names.ts';
import type { DnsRecordSet, DnsRecordType } from '../../dns/types.ts';
import { parseRecordType, validateRecordSet } from './record-set.ts';

export { DnsValidationError } from '../../dns/validation-error.ts';

function copy(rrset: DnsRecordSet): DnsRecordSet {
  return { type: rrset.type, ttl: rrset.ttl, values: [...rrset.values] };
}

export class DnsZoneStore {
  readonly #names = new Map<string, Map<DnsRecordType, DnsRecordSet>>();
  #serial = 1;

  /** Increases on every change; used as the SOA serial. */
  get serial(): number {
    return this.#serial;
  }

  /**
   * Replaces the rrset of that type at name. A CNAME may sit beside other types on purpose: real
   * zones cannot hold that, but the emulator must reproduce the broken setups the pre-flight detects.
   * Throws DnsValidationError for a bad name or record set.
   */
  set(name: string, rrset: DnsRecordSet): void {
    const key = normalizeName(name);
    const valid = validateRecordSet(key, rrset);
    let byType = this.#names.get(key);
    if (byType === undefined) {
      byType = new Map();
      this.#names.set(key, byType);
    }
    byType.set(valid.type, valid);
    this.#bump();
  }

  /** Deletes one type at name, or every type when type is omitted; false when nothing was there. */
  delete(name: string, type?: DnsRecordType): boolean {
    const key = normalizeName(name);
    const byType = this.#names.get(key);
    if (byType === undefined) return false;
    let removed: boolean;
    if (type === undefined) {
      removed = this.#names.delete(key);
    } else {
      removed = byType.delete(parseRecordType(type));
      if (byType.size === 0) this.#names.delete(key);
    }
    if (removed) this.#bump();
    return removed;
  }

  /** Copies of the record sets at name (empty when none). */
  get(name: string): DnsRecordSet[] {
    const byType = this.#names.get(normalizeName(name));
    return byType === undefined ? [] : [...byType.values()].map(copy);
  }

  /** One record set at name, without copying, for the answering path; name must be normalized. */
  find(name: string, type: DnsRecordType): DnsRecordSet | undefined {
    return this.#names.get(name)?.get(type);
  }

  /**
   * True when the name owns records or is an empty non-terminal (a name below it owns records), which
   * makes the difference between NODATA and NXDOMAIN. Name must be normalized.
   */
  exists(name: string): boolean {
    if (this.#names.has(name)) return true;
    const suffix = `.${name}`;
    for (const owner of this.#names.keys()) {
      if (owner.endsWith(suffix)) return true;
    }
    return false;
  }

  entries(): Array<{ name: string; records: DnsRecordSet[] }> {
    return [...this.#names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, byType]) => ({ name, records: [...byType.values()].map(copy) }));
  }

  clear(): void {
    if (this.#names.size === 0) return;
    this.#names.clear();
    this.#bump();
  }

  #bump(): void {
    // SOA serials are 32-bit and compared with serial-number arithmetic (RFC 1982); wrap, never reach 0.
    this.#serial = this.#serial >= 0xffff_ffff ? 1 : this.#serial + 1;
  }
}
