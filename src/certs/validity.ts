// Validity windows, judged against the injected clock. Every certificate in the chain counts: an expired
// intermediate breaks TLS just as an expired leaf does.
import type { X509Certificate } from 'node:crypto';
import { DAY_MS } from '../time/durations.ts';
import { certIssue } from './issues.ts';
import { EXPIRING_SOON_DAYS } from './limits.ts';
import type { CertIssue } from './types.ts';

/** Whole days from `now` to the end of validity, rounded down; negative once expired. */
export function daysLeft(certificate: X509Certificate, now: Date): number {
  return Math.floor((certificate.validToDate.getTime() - now.getTime()) / DAY_MS);
}

export function validityIssues(certificate: X509Certificate, who: string, now: Date): CertIssue[] {
  const from = certificate.validFromDate;
  const to = certificate.validToDate;
  const at = now.getTime();
  if (at > to.getTime()) {
    return [certIssue('certificate-expired', `Certificate ${who} expired on ${to.toISOString()}.`)];
  }
  if (at < from.getTime()) {
    return [
      certIssue('certificate-not-yet-valid', `Certificate ${who} is valid only from ${from.toISOString()}.`),
    ];
  }
  if (to.getTime() - at < EXPIRING_SOON_DAYS * DAY_MS) {
    const days = daysLeft(certificate, now);
    return [
      certIssue(
        'certificate-expiring-soon',
        `Certificate ${who} expires on ${to.toISOString()}, in ${days} day${days === 1 ? '' : 's'}.`,
      ),
    ];
  }
  return [];
}
