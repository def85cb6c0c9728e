// What the reconciler tells the transition function it saw (observations), what the transition function
// asks it to do next (effects), and the events it raises. Plain data: the reconciler does all I/O.
import type { ManagedDomainView } from './resource.ts';
import type { DnsRecordRow, ProblemNote } from './row.ts';
import type { DnsRecordPurpose, DomainEventType } from './states.ts';

export interface IssuedCertificate {
  notBefore: Date;
  notAfter: Date;
  fingerprint: string;
  renewAfter: Date;
  certId: string | null;
}

export interface BoundCertificate {
  certId: string | null;
  fingerprint: string | null;
}

export type Observation =
  /** A scheduled pass starts: the answer is the effects to run. */
  | { kind: 'due' }
  /** POST …/check: run now; re-arms a stalled or failed domain. */
  | { kind: 'check' }
  /** DELETE: unbind and stop all work. */
  | { kind: 'delete' }
  /** The token OSS holds now (kept when still valid, else a new one) and its TXT record. */
  | {
      kind: 'token';
      token: string;
      expiresAt: Date | null;
      record: Omit<DnsRecordRow, 'satisfied' | 'purpose'>;
    }
  /** Records to publish that became known (e.g. the acme-challenge CNAME), replaced by purpose. */
  | { kind: 'records'; records: DnsRecordRow[] }
  /** The DNS pre-flight: which of the listed records DNS shows. */
  | { kind: 'dns'; satisfied: Partial<Record<DnsRecordPurpose, boolean>> }
  /** PutCname succeeded. */
  | { kind: 'bound'; certificate: BoundCertificate | null }
  /** ListCname while bound: is the binding there, and with which certificate. */
  | { kind: 'binding'; present: boolean; certificate: BoundCertificate | null }
  /** The ACME part's progress on the current order. */
  | { kind: 'certificate'; step: 'ordered' | 'validated' }
  | { kind: 'certificate'; step: 'issued'; certificate: IssuedCertificate }
  | { kind: 'certificate'; step: 'failed'; error: ProblemNote; terminal: boolean; retryAfterMs?: number }
  /** DeleteCname done, or nothing was bound. */
  | { kind: 'unbound' }
  /** A failure worth retrying (OSS or DNS unavailable, record not there yet, rate-limited). */
  | { kind: 'error'; error: ProblemNote; retryAfterMs?: number }
  /** A terminal refusal: another account holds the domain, ICP, forbidden, risky. */
  | { kind: 'refused'; error: ProblemNote };

export type Effect =
  /** Make sure OSS holds a token; keep `keep` while OSS still has it valid. */
  | { type: 'ensure_token'; keep: string | null }
  | { type: 'check_dns' }
  /** PutCname; `previousCertId` keeps a certificate already attached. */
  | { type: 'put_cname'; previousCertId: string | null }
  | { type: 'observe_binding' }
  | { type: 'issue_certificate' }
  | { type: 'renew_certificate' }
  /** Put our certificate back after it was replaced behind our back; report `bound` with it when done. */
  | { type: 'attach_certificate'; certId: string | null }
  | { type: 'unbind' }
  /** Delete the row; its domain.deleted event is in the same result. */
  | { type: 'remove' };

export interface DomainEvent {
  type: DomainEventType;
  bucket: string;
  domain: string;
  at: Date;
  /** The domain resource after the transition (before removal for domain.deleted). */
  data: ManagedDomainView;
}
