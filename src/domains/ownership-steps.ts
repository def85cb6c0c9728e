// Transitions of the ownership and binding steps, and of the caller's own actions (check, delete):
// pending_ownership → binding → bound, stalled, failed, deleting → removed.
import { type Draft, tokenNeedsWork, unchanged, waiting } from './draft.ts';
import type { DnsRecordRow, DomainRow } from './row.ts';
import type { ReconcileOptions } from './schedule.ts';
import { SERVING_CERTIFICATE_STATUSES } from './states.ts';
import type { Effect, Observation } from './steps.ts';
import { certificateEffects, nextWatchAt } from './watch-steps.ts';

type Of<K extends Observation['kind']> = Extract<Observation, { kind: K }>;

export function onDue(row: DomainRow, now: Date, options: ReconcileOptions): Draft {
  const keep = row.token?.value ?? null;
  switch (row.status) {
    case 'pending_ownership':
    case 'stalled':
      return unchanged(row, [
        tokenNeedsWork(row, now, options) ? { type: 'ensure_token', keep } : { type: 'check_dns' },
      ]);
    case 'binding':
      return unchanged(row, [
        tokenNeedsWork(row, now, options) ? { type: 'ensure_token', keep } : bindEffect(row),
      ]);
    case 'bound':
      return unchanged(row, [{ type: 'observe_binding' }, ...certificateEffects(row, now)]);
    case 'deleting':
      return unchanged(row, [{ type: 'unbind' }]);
    case 'failed':
      return unchanged(row);
  }
}

/** Run now. A stalled or failed domain starts over at the ownership step; the token is kept. */
export function onCheck(row: DomainRow, now: Date): Draft {
  if (row.status === 'deleting') return unchanged(row);
  if (row.status === 'stalled' || row.status === 'failed') {
    return unchanged({ ...row, status: 'pending_ownership', attempts: 0, nextCheckAt: now });
  }
  const certificate =
    row.status === 'bound' && row.certificate.status === 'failed'
      ? { ...row.certificate, status: 'none' as const }
      : row.certificate;
  return unchanged({ ...row, certificate, nextCheckAt: now });
}

export function onDelete(row: DomainRow, now: Date): Draft {
  if (row.status === 'deleting') return unchanged(row);
  return unchanged({
    ...row,
    status: 'deleting',
    attempts: 0,
    lastError: null,
    drift: null,
    nextCheckAt: now,
  });
}

export function onToken(row: DomainRow, o: Of<'token'>): Draft {
  if (row.status !== 'pending_ownership' && row.status !== 'stalled' && row.status !== 'binding')
    return unchanged(row);
  const previous = row.dnsRecords.find((r) => r.purpose === 'ownership');
  const satisfied = previous !== undefined && previous.value === o.token && previous.satisfied;
  const record: DnsRecordRow = { ...o.record, purpose: 'ownership', satisfied };
  const next = {
    ...row,
    token: { value: o.token, expiresAt: o.expiresAt },
    dnsRecords: upsert(row.dnsRecords, [record]),
  };
  const effect: Effect = row.status === 'binding' ? bindEffect(row) : { type: 'check_dns' };
  return unchanged(next, [effect]);
}

export function onRecords(row: DomainRow, o: Of<'records'>): Draft {
  if (row.status === 'deleting') return unchanged(row);
  return unchanged({ ...row, dnsRecords: upsert(row.dnsRecords, o.records) });
}

export function onDns(row: DomainRow, o: Of<'dns'>, now: Date, options: ReconcileOptions): Draft {
  if (row.status === 'deleting' || row.status === 'failed') return unchanged(row);
  const dnsRecords = row.dnsRecords.map((r) => {
    const seen = o.satisfied[r.purpose];
    return seen === undefined ? r : { ...r, satisfied: seen };
  });
  const next = { ...row, dnsRecords };
  if (row.status !== 'pending_ownership' && row.status !== 'stalled') return unchanged(next);
  if (o.satisfied.ownership === true && row.token !== null) {
    return {
      row: { ...next, status: 'binding', attempts: 0, lastError: null, lastCheckedAt: now, nextCheckAt: now },
      effects: [bindEffect(row)],
      events: ['domain.ownership_verified'],
    };
  }
  const name = row.dnsRecords.find((r) => r.purpose === 'ownership')?.name ?? `_dnsauth.${row.domain}`;
  return waiting(
    next,
    { code: 'ownership-txt-missing', detail: `DNS does not show the TXT record ${name} with the token yet.` },
    now,
    options,
  );
}

export function onBound(row: DomainRow, o: Of<'bound'>, now: Date, options: ReconcileOptions): Draft {
  if (row.status !== 'binding' && row.status !== 'bound') return unchanged(row);
  const certId = o.certificate?.certId ?? null;
  const next: DomainRow = {
    ...row,
    status: 'bound',
    attempts: 0,
    lastError: null,
    drift: null,
    lastCheckedAt: now,
    certificate: { ...row.certificate, certId: certId ?? row.certificate.certId },
  };
  // Ours is valid but the binding came back without it (re-bound after drift): put it back.
  const serving = SERVING_CERTIFICATE_STATUSES.has(next.certificate.status);
  const reattach: Effect[] =
    row.certificateMode === 'managed' && serving && certId === null
      ? [{ type: 'attach_certificate', certId: row.certificate.certId }]
      : [];
  const effects = row.status === 'binding' ? [...reattach, ...certificateEffects(next, now)] : reattach;
  return {
    row: { ...next, nextCheckAt: nextWatchAt(next, now, options) },
    effects,
    events: row.status === 'binding' ? ['domain.bound'] : [],
  };
}

export function onUnbound(row: DomainRow): Draft {
  if (row.status !== 'deleting') return unchanged(row);
  return { row, effects: [{ type: 'remove' }], events: ['domain.deleted'] };
}

export function onError(row: DomainRow, o: Of<'error'>, now: Date, options: ReconcileOptions): Draft {
  if (row.status === 'failed') return unchanged(row);
  return waiting(row, o.error, now, options, o.retryAfterMs);
}

export function onRefused(row: DomainRow, o: Of<'refused'>, now: Date): Draft {
  if (row.status === 'failed') return unchanged(row);
  // Nothing more can be done at OSS for a domain being deleted: stop all work as promised.
  if (row.status === 'deleting')
    return { row: { ...row, lastError: o.error }, effects: [{ type: 'remove' }], events: ['domain.deleted'] };
  return {
    row: { ...row, status: 'failed', lastError: o.error, drift: null, lastCheckedAt: now, nextCheckAt: null },
    effects: [],
    events: ['domain.failed'],
  };
}

/**
 * PutCname. A binding removed behind our back has no certificate left to name as PreviousCertId; ours
 * is attached again once bound (onBound).
 */
function bindEffect(row: DomainRow): Effect {
  return {
    type: 'put_cname',
    previousCertId: row.drift === 'binding-removed' ? null : row.certificate.certId,
  };
}

function upsert(records: DnsRecordRow[], incoming: DnsRecordRow[]): DnsRecordRow[] {
  const purposes = new Set(incoming.map((r) => r.purpose));
  return [...records.filter((r) => !purposes.has(r.purpose)), ...incoming].sort(
    (a, b) => ORDER.indexOf(a.purpose) - ORDER.indexOf(b.purpose),
  );
}

const ORDER = ['ownership', 'traffic', 'acme-challenge'];
