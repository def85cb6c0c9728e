// The emulator's Alidns records, one entry per record with its RecordId, as Alidns keeps them; the DNS
// server's zone store holds the same data as record sets (./dns-sync.ts). Persisted with the state file.

import { z } from 'zod';
import { DNS_RECORD_TYPES } from '../../dns/types.ts';

const alidnsRecordSchema = z.object({
  recordId: z.string(),
  /** The Alidns domain (zone) the record belongs to, lower-case. */
  domainName: z.string(),
  /** Host record as given (`@` for the apex). */
  rr: z.string(),
  /** The owner name in the DNS server, normalized. */
  fqdn: z.string(),
  type: z.enum(DNS_RECORD_TYPES),
  value: z.string(),
  ttl: z.number().int(),
  owner: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const alidnsStateSchema = z.object({
  records: z.array(alidnsRecordSchema),
  sequence: z.number().int().nonnegative(),
});

export type AlidnsRecord = z.infer<typeof alidnsRecordSchema>;
export type AlidnsState = z.infer<typeof alidnsStateSchema>;

/** Alidns RecordIds are 19-digit decimals, larger than 2^53: kept as strings. */
const RECORD_ID_BASE = 1_900_000_000_000_000_000n;

export class AlidnsRecordStore {
  #records = new Map<string, AlidnsRecord>();
  #sequence = 0;
  #version = 0;

  /** Increases on every change, so the server knows when to persist. */
  get version(): number {
    return this.#version;
  }

  /** Records in the order they were added. */
  all(): AlidnsRecord[] {
    return [...this.#records.values()];
  }

  get(recordId: string): AlidnsRecord | undefined {
    return this.#records.get(recordId);
  }

  nextId(): string {
    this.#sequence++;
    return String(RECORD_ID_BASE + BigInt(this.#sequence));
  }

  put(record: AlidnsRecord): void {
    this.#records.set(record.recordId, { ...record });
    this.#version++;
  }

  delete(recordId: string): void {
    if (this.#records.delete(recordId)) this.#version++;
  }

  snapshot(): AlidnsState {
    return { records: this.all().map((r) => ({ ...r })), sequence: this.#sequence };
  }

  /** Keeps the records of domains the current seed still holds. */
  restore(state: AlidnsState, keep: (record: AlidnsRecord) => boolean): void {
    this.#records = new Map(state.records.filter(keep).map((r) => [r.recordId, { ...r }]));
    this.#sequence = state.sequence;
    this.#version++;
  }

  reset(): void {
    this.#records.clear();
    this.#sequence = 0;
    this.#version++;
  }
}
