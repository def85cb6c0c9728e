// The certificate slot, driven by the ACME part's observations:
// none → pending_challenge → issuing → active → renewing → active | renew_failed; expired; failed.
// Renewal failures raise one event per failing renewal, never one per retry.
import { after, type Draft, unchanged } from './draft.ts';
import type { CertificateSlot, DomainRow } from './row.ts';
import { backoffDelayMs, type ReconcileOptions } from './schedule.ts';
import type { CertificateStatus } from './states.ts';
import type { Observation } from './steps.ts';
import { nextWatchAt } from './watch-steps.ts';

type CertificateObservation = Extract<Observation, { kind: 'certificate' }>;

const FIRST_ISSUE: ReadonlySet<CertificateStatus> = new Set([
  'none',
  'pending_challenge',
  'issuing',
  'failed',
]);

export function onCertificate(
  row: DomainRow,
  o: CertificateObservation,
  now: Date,
  options: ReconcileOptions,
): Draft {
  if (row.certificateMode !== 'managed' || row.status === 'failed' || row.status === 'deleting') {
    return unchanged(row);
  }
  const c = row.certificate;
  switch (o.step) {
    case 'ordered':
      return withStatus(row, ordered(c.status));
    case 'validated':
      return withStatus(row, c.status === 'pending_challenge' ? 'issuing' : c.status);
    case 'issued': {
      if (c.status === 'active' && c.fingerprint === o.certificate.fingerprint) {
        // The same certificate attached again: the repair of a replaced certificate is done.
        return unchanged(
          row.drift === 'certificate-replaced' ? { ...row, drift: null, lastError: null } : row,
        );
      }
      const certificate: CertificateSlot = {
        ...o.certificate,
        status: 'active',
        lastError: null,
        expiryWarned: [],
      };
      const issued: DomainRow = {
        ...row,
        certificate,
        drift: row.drift === 'certificate-replaced' ? null : row.drift,
        lastError: row.drift === 'certificate-replaced' ? null : row.lastError,
      };
      const next =
        row.status === 'bound'
          ? { ...issued, attempts: 0, lastCheckedAt: now, nextCheckAt: nextWatchAt(issued, now, options) }
          : issued;
      return {
        row: next,
        effects: [],
        events: [FIRST_ISSUE.has(c.status) ? 'domain.certificate_issued' : 'domain.certificate_renewed'],
      };
    }
    case 'failed':
      return failed(row, o, now, options);
  }
}

function ordered(status: CertificateStatus): CertificateStatus {
  if (status === 'none' || status === 'failed') return 'pending_challenge';
  if (status === 'active' || status === 'expired') return 'renewing';
  return status;
}

function withStatus(row: DomainRow, status: CertificateStatus): Draft {
  if (status === row.certificate.status) return unchanged(row);
  return unchanged({ ...row, certificate: { ...row.certificate, status } });
}

function failed(
  row: DomainRow,
  o: Extract<CertificateObservation, { step: 'failed' }>,
  now: Date,
  options: ReconcileOptions,
): Draft {
  const c = row.certificate;
  const renewal = !FIRST_ISSUE.has(c.status);
  // A first issue that keeps failing gives up like a stalled step; /check re-arms it. A renewal keeps
  // trying while the current certificate still serves.
  const givesUp = !renewal && (o.terminal || row.attempts + 1 >= options.maxAttempts);
  const status: CertificateStatus = renewal ? 'renew_failed' : givesUp ? 'failed' : c.status;
  const certificate = { ...c, status, lastError: o.error };
  const events: Draft['events'] =
    renewal && c.status !== 'renew_failed' ? ['domain.certificate_renewal_failed'] : [];
  // Before `bound` the schedule belongs to the ownership steps; leave it to them.
  if (row.status !== 'bound') return { row: { ...row, certificate }, effects: [], events };
  const attempts = row.attempts + 1;
  const delay = Math.max(backoffDelayMs(attempts - 1, options), o.retryAfterMs ?? 0);
  const next: DomainRow = {
    ...row,
    certificate,
    attempts,
    lastCheckedAt: now,
    nextCheckAt: after(delay, now),
  };
  return { row: next, effects: [], events };
}
