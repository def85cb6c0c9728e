// From the row (the truth) to the resource callers read. Pure: `now` decides whether a certificate is
// valid now, so `ready` is computed, never stored.
import type { ManagedDomainView } from './resource.ts';
import type { DomainRow, ProblemNote } from './row.ts';
import { SERVING_CERTIFICATE_STATUSES } from './states.ts';

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function note(error: ProblemNote | null): ProblemNote | null {
  return error === null ? null : { code: error.code, detail: error.detail };
}

export function certificateValidAt(row: DomainRow, now: Date): boolean {
  const { status, notBefore, notAfter } = row.certificate;
  if (!SERVING_CERTIFICATE_STATUSES.has(status) || notBefore === null || notAfter === null) return false;
  const t = now.getTime();
  return notBefore.getTime() <= t && t < notAfter.getTime();
}

export function isReady(row: DomainRow, now: Date): boolean {
  if (row.status !== 'bound') return false;
  return row.certificateMode === 'none' || certificateValidAt(row, now);
}

export function toDomainResource(row: DomainRow, now: Date): ManagedDomainView {
  const c = row.certificate;
  return {
    domain: row.domain,
    bucket: row.bucket,
    status: row.status,
    ready: isReady(row, now),
    certificate: {
      mode: row.certificateMode,
      status: c.status,
      notBefore: iso(c.notBefore),
      notAfter: iso(c.notAfter),
      fingerprint: c.fingerprint,
      renewAfter: iso(c.renewAfter),
      lastError: note(c.lastError),
    },
    dnsRecords: row.dnsRecords.map((r) => ({ ...r })),
    checks: {
      attempts: row.attempts,
      lastCheckedAt: iso(row.lastCheckedAt),
      nextCheckAt: iso(row.nextCheckAt),
      lastError: note(row.lastError),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
