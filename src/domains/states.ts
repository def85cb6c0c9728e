// The words of the managed-domain lifecycle: statuses, certificate statuses, record purposes and event
// names. Kept in one place so the zod schemas, the transition function and the docs cannot drift apart.

export const DOMAIN_STATUSES = [
  'pending_ownership',
  'binding',
  'bound',
  'stalled',
  'failed',
  'deleting',
] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const CERTIFICATE_MODES = ['managed', 'none'] as const;
export type CertificateMode = (typeof CERTIFICATE_MODES)[number];

export const CERTIFICATE_STATUSES = [
  'none',
  'pending_challenge',
  'issuing',
  'active',
  'renewing',
  'renew_failed',
  'expired',
  'failed',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const DNS_RECORD_PURPOSES = ['ownership', 'traffic', 'acme-challenge'] as const;
export type DnsRecordPurpose = (typeof DNS_RECORD_PURPOSES)[number];

export const DOMAIN_EVENT_TYPES = [
  'domain.created',
  'domain.ownership_verified',
  'domain.bound',
  'domain.certificate_issued',
  'domain.ready',
  'domain.certificate_renewed',
  'domain.certificate_renewal_failed',
  'domain.certificate_expiring',
  'domain.stalled',
  'domain.failed',
  'domain.drifted',
  'domain.deleted',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** Days before `notAfter` at which domain.certificate_expiring is raised, once each. */
export const EXPIRY_WARNING_DAYS = [30, 14, 7, 3] as const;

/** Certificate statuses in which a certificate we attached may be serving traffic. */
export const SERVING_CERTIFICATE_STATUSES: ReadonlySet<CertificateStatus> = new Set([
  'active',
  'renewing',
  'renew_failed',
]);
