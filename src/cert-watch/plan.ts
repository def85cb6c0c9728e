// One look at a bucket, decided without I/O: which certificates bound there crossed a warning threshold
// not yet raised for them, what to remember, and when to look again. A certificate is known by its
// fingerprint (its certId when OSS shows none): a replaced certificate starts with no warnings raised.
import { crossedWarnings, EXPIRY_WARNING_DAYS } from '../domains/index.ts';
import type { OutboxEvent } from '../events/index.ts';
import type { CnameInfo } from '../oss/index.ts';
import { DAY_MS } from '../time/durations.ts';
import { boundCertificateExpiring } from './expiring-data.ts';

/** What the store remembers of one bound certificate. */
export interface WarningState {
  domain: string;
  certificate: string;
  notAfter: Date;
  /** Thresholds (days) already raised for this certificate, largest first. */
  warned: number[];
}

export interface BucketLook {
  bucket: string;
  /** ListCname's answer, read now. */
  bindings: readonly CnameInfo[];
  /** Domains whose certificate a managed domain owns: the reconciler warns about those. */
  managedCertificates: ReadonlySet<string>;
  remembered: readonly WarningState[];
  now: Date;
  watchIntervalMs: number;
}

export interface BucketPlan {
  /** Rows to write (new or changed); unchanged ones are left out. */
  save: WarningState[];
  /** Domains whose certificate is gone (unbound, removed, or now managed). */
  forget: string[];
  events: OutboxEvent[];
  /** Certificates still watched here; 0 lets the bucket's watch end. */
  watched: number;
  nextCheckAt: Date;
}

export function planBucket(look: BucketLook): BucketPlan {
  const { bucket, now } = look;
  const remembered = new Map(look.remembered.map((w) => [w.domain, w]));
  const plan: BucketPlan = { save: [], forget: [], events: [], watched: 0, nextCheckAt: now };
  const due: number[] = [now.getTime() + look.watchIntervalMs];
  const seen = new Set<string>();
  for (const info of look.bindings) {
    const certificate = info.certificate;
    const notAfterIso = certificate?.validEndDate.iso;
    const domain = info.isWildcard ? `*.${info.domain}` : info.domain;
    if (certificate === undefined || notAfterIso === undefined || look.managedCertificates.has(domain))
      continue;
    seen.add(domain);
    plan.watched++;
    const notAfter = new Date(notAfterIso);
    const identity = certificate.fingerprint || certificate.certId;
    const before = remembered.get(domain);
    const warned = before?.certificate === identity ? before.warned : [];
    const crossed = crossedWarnings(notAfter, warned, now);
    const next: WarningState = {
      domain,
      certificate: identity,
      notAfter,
      warned: [...warned, ...crossed].sort((a, b) => b - a),
    };
    if (before === undefined || crossed.length > 0 || before.certificate !== identity) plan.save.push(next);
    const nearest = crossed.at(-1);
    if (nearest !== undefined) {
      const data = boundCertificateExpiring(bucket, domain, certificate, notAfter, nearest, now);
      plan.events.push({ type: 'domain.certificate_expiring', bucket, domain, at: now, data });
    }
    for (const days of EXPIRY_WARNING_DAYS) {
      const at = notAfter.getTime() - days * DAY_MS;
      if (!next.warned.includes(days) && at > now.getTime()) due.push(at);
    }
  }
  plan.forget = look.remembered.map((w) => w.domain).filter((d) => !seen.has(d));
  plan.nextCheckAt = new Date(Math.min(...due));
  return plan;
}
