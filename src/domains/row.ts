// A managed domain's row: the one source of truth. Desired state (bucket, domain, certificate mode),
// observed state (status, certificate slot, records, checks), the schedule, the lease and a version for
// optimistic updates. Nothing about a domain lives only in memory.
import type { CertificateMode, CertificateStatus, DnsRecordPurpose, DomainStatus } from './states.ts';

export interface ProblemNote {
  /** A stable problem code (kebab-case), as in problem+json answers. */
  code: string;
  detail: string;
}

export interface DnsRecordRow {
  purpose: DnsRecordPurpose;
  type: 'TXT' | 'CNAME';
  /** Fully qualified record name. */
  name: string;
  zone: string;
  /** `name` relative to `zone`, as DNS consoles ask for it. */
  host: string;
  value: string;
  /** What the last DNS look-up showed. */
  satisfied: boolean;
}

export interface CertificateSlot {
  status: CertificateStatus;
  notBefore: Date | null;
  notAfter: Date | null;
  /** SHA-1, colon-separated hex, as /cnames shows it. */
  fingerprint: string | null;
  renewAfter: Date | null;
  /** The OSS certificate id of the certificate we attached: PutCname's PreviousCertId. */
  certId: string | null;
  lastError: ProblemNote | null;
  /** Thresholds (days) of domain.certificate_expiring already raised for this `notAfter`. */
  expiryWarned: number[];
}

export interface OwnershipToken {
  value: string;
  /** When OSS stops accepting it (72 h after creation); null when OSS did not say. */
  expiresAt: Date | null;
}

/** What was found changed behind our back while bound, until the repair lands. */
export type Drift = 'binding-removed' | 'certificate-replaced';

export interface DomainRow {
  bucket: string;
  /** Punycode, lower case. */
  domain: string;
  certificateMode: CertificateMode;
  status: DomainStatus;
  certificate: CertificateSlot;
  token: OwnershipToken | null;
  dnsRecords: DnsRecordRow[];
  drift: Drift | null;
  /** Checks made without progress in the current step; the back-off schedule's index. */
  attempts: number;
  lastCheckedAt: Date | null;
  /** Null when no more work is planned (failed). */
  nextCheckAt: Date | null;
  lastError: ProblemNote | null;
  /** The replica working on the row, until `leaseExpiresAt`. */
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  /** Bumped by every change; writes are conditional on it. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDomainInput {
  bucket: string;
  domain: string;
  certificateMode: CertificateMode;
  /** Records known at attach time (the traffic CNAME, the ownership TXT when a token exists). */
  dnsRecords?: DnsRecordRow[];
  token?: OwnershipToken | null;
}

function emptyCertificate(): CertificateSlot {
  return {
    status: 'none',
    notBefore: null,
    notAfter: null,
    fingerprint: null,
    renewAfter: null,
    certId: null,
    lastError: null,
    expiryWarned: [],
  };
}

/** A freshly attached domain, due at once. Its domain.created event comes from `createdEvents`. */
export function newDomainRow(input: NewDomainInput, now: Date): DomainRow {
  return {
    bucket: input.bucket,
    domain: input.domain,
    certificateMode: input.certificateMode,
    status: 'pending_ownership',
    certificate: emptyCertificate(),
    token: input.token ?? null,
    dnsRecords: input.dnsRecords ?? [],
    drift: null,
    attempts: 0,
    lastCheckedAt: null,
    nextCheckAt: now,
    lastError: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** Takes the row for `owner` until now + leaseMs; undefined when another replica still holds it. */
export function claim(row: DomainRow, owner: string, now: Date, leaseMs: number): DomainRow | undefined {
  const held =
    row.leaseOwner !== null &&
    row.leaseOwner !== owner &&
    (row.leaseExpiresAt?.getTime() ?? 0) > now.getTime();
  if (held) return undefined;
  return { ...row, leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) };
}

export function release(row: DomainRow): DomainRow {
  return { ...row, leaseOwner: null, leaseExpiresAt: null };
}
