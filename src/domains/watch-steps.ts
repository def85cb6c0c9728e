// After `bound`: watching the binding for drift, the certificate work due, the expiry watch, and when
// to look again.

import { DAY_MS } from '../time/durations.ts';
import { type Draft, earliest, unchanged } from './draft.ts';
import type { DomainRow } from './row.ts';
import type { ReconcileOptions } from './schedule.ts';
import { EXPIRY_WARNING_DAYS, SERVING_CERTIFICATE_STATUSES } from './states.ts';
import type { Effect, Observation } from './steps.ts';

/** The certificate work a bound, managed domain has to do now. */
export function certificateEffects(row: DomainRow, now: Date): Effect[] {
  if (row.certificateMode !== 'managed' || row.status !== 'bound') return [];
  const c = row.certificate;
  switch (c.status) {
    case 'none':
    case 'pending_challenge':
    case 'issuing':
      return [{ type: 'issue_certificate' }];
    case 'active':
      return c.renewAfter !== null && c.renewAfter.getTime() <= now.getTime()
        ? [{ type: 'renew_certificate' }]
        : [];
    case 'renewing':
    case 'renew_failed':
    case 'expired':
      return [{ type: 'renew_certificate' }];
    case 'failed':
      return [];
  }
}

/** The next watch pass: the watch interval, sooner when renewal, a warning or the expiry comes first. */
export function nextWatchAt(row: DomainRow, now: Date, options: ReconcileOptions): Date {
  const watch = new Date(now.getTime() + options.watchIntervalMs);
  const c = row.certificate;
  if (!SERVING_CERTIFICATE_STATUSES.has(c.status) || c.notAfter === null) return watch;
  const notAfter = c.notAfter.getTime();
  const warnings = EXPIRY_WARNING_DAYS.filter((d) => !c.expiryWarned.includes(d)).map(
    (d) => new Date(notAfter - d * DAY_MS),
  );
  const renew = row.certificateMode === 'managed' && c.status === 'active' ? c.renewAfter : null;
  const candidates = [renew, ...warnings, c.notAfter].filter(
    (d) => d !== null && d.getTime() > now.getTime(),
  );
  return earliest(watch, ...candidates) ?? watch;
}

/** ListCname while bound: a binding removed or our certificate replaced is drift, repaired here. */
export function onBinding(
  row: DomainRow,
  o: Extract<Observation, { kind: 'binding' }>,
  now: Date,
  options: ReconcileOptions,
): Draft {
  if (row.status !== 'bound') return unchanged(row);
  if (!o.present) {
    return {
      row: {
        ...row,
        status: 'binding',
        drift: 'binding-removed',
        attempts: 0,
        lastCheckedAt: now,
        nextCheckAt: now,
        lastError: {
          code: 'binding-removed',
          detail: 'The domain was unbound from the bucket outside this service.',
        },
      },
      effects: [{ type: 'put_cname', previousCertId: null }],
      events: ['domain.drifted'],
    };
  }
  const checked = { ...row, attempts: 0, lastCheckedAt: now, nextCheckAt: nextWatchAt(row, now, options) };
  if (!certificateReplaced(row, o.certificate)) {
    return unchanged(row.drift === null ? checked : { ...checked, drift: null, lastError: null });
  }
  const drifted: DomainRow = {
    ...checked,
    drift: 'certificate-replaced',
    lastError: {
      code: 'certificate-replaced',
      detail:
        'The certificate on the binding was replaced outside this service; the managed one is put back.',
    },
  };
  return {
    row: drifted,
    effects: [{ type: 'attach_certificate', certId: row.certificate.certId }],
    events: row.drift === 'certificate-replaced' ? [] : ['domain.drifted'],
  };
}

function certificateReplaced(
  row: DomainRow,
  seen: Extract<Observation, { kind: 'binding' }>['certificate'],
): boolean {
  const ours = row.certificate;
  if (row.certificateMode !== 'managed' || !SERVING_CERTIFICATE_STATUSES.has(ours.status)) return false;
  if (seen === null) return true;
  if (ours.fingerprint !== null && seen.fingerprint !== null) {
    return ours.fingerprint.toUpperCase() !== seen.fingerprint.toUpperCase();
  }
  return ours.certId !== null && seen.certId !== null && ours.certId !== seen.certId;
}

/**
 * The expiry watch, applied after every transition of a bound domain: a serving certificate past
 * `notAfter` is `expired`; each warning threshold crossed is raised once (only the nearest one when
 * several were crossed at once, so a late look does not send a burst).
 */
export function watchExpiry(draft: Draft, now: Date): Draft {
  const { row } = draft;
  const c = row.certificate;
  if (row.status !== 'bound' || c.notAfter === null || !SERVING_CERTIFICATE_STATUSES.has(c.status))
    return draft;
  if (c.notAfter.getTime() <= now.getTime()) {
    return { ...draft, row: { ...row, certificate: { ...c, status: 'expired' } } };
  }
  const crossed = crossedWarnings(c.notAfter, c.expiryWarned, now);
  if (crossed.length === 0) return draft;
  const expiryWarned = [...c.expiryWarned, ...crossed].sort((a, b) => b - a);
  return {
    ...draft,
    row: { ...row, certificate: { ...c, expiryWarned } },
    events: [...draft.events, 'domain.certificate_expiring'],
  };
}

/**
 * Warning thresholds (days) crossed by `now` and not yet raised. Shared with the watch of certificates
 * uploaded through /cnames, which keeps its own `warned` list.
 */
export function crossedWarnings(notAfter: Date, warned: readonly number[], now: Date): number[] {
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) return [];
  return EXPIRY_WARNING_DAYS.filter((d) => left <= d * DAY_MS && !warned.includes(d));
}
