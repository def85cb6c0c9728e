// A domain row to and from its stored JSON: dates travel as ISO strings and come back as Dates.
import type { DomainRow } from '../domains/index.ts';

type Stored = Omit<DomainRow, 'leaseOwner' | 'leaseExpiresAt' | 'version'>;

export function encodeRow(row: DomainRow): string {
  const { leaseOwner: _o, leaseExpiresAt: _e, version: _v, ...stored } = row;
  return JSON.stringify(stored);
}

const date = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);

export function decodeRow(
  json: string,
  columns: { leaseOwner: string | null; leaseUntil: number | null; version: number },
): DomainRow {
  const raw = JSON.parse(json) as Stored & Record<string, unknown>;
  const c = raw.certificate;
  return {
    ...raw,
    certificate: {
      ...c,
      notBefore: date(c.notBefore),
      notAfter: date(c.notAfter),
      renewAfter: date(c.renewAfter),
    },
    token: raw.token === null ? null : { value: raw.token.value, expiresAt: date(raw.token.expiresAt) },
    lastCheckedAt: date(raw.lastCheckedAt),
    nextCheckAt: date(raw.nextCheckAt),
    createdAt: date(raw.createdAt) ?? new Date(0),
    updatedAt: date(raw.updatedAt) ?? new Date(0),
    leaseOwner: columns.leaseOwner,
    leaseExpiresAt: columns.leaseUntil === null ? null : new Date(columns.leaseUntil),
    version: columns.version,
  };
}
