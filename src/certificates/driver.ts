// The seam between the managed-domain reconciler and managed certificates (ACME): the reconciler runs the
// lifecycle's certificate effects through this, and works without it (certificate mode `none` only).
import type { DomainRow, Observation } from '../domains/index.ts';

export interface ChallengeCname {
  /** `_acme-challenge.<domain>` */
  name: string;
  /** `<stable label>.<ACME_DNS_ZONE>` */
  value: string;
  /** ACME_DNS_ZONE */
  zone: string;
}

export interface CertificateMaterial {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CertificateDriver {
  /** The CNAME a customer publishes once so the service can answer every DNS-01 challenge of the domain. */
  challengeRecord(domain: string): ChallengeCname;
  /**
   * Runs an issue or renew effect as far as it can go now, and returns what it saw for transition().
   * Restart-safe: the order lives in the store under (bucket, domain); calling again resumes it.
   */
  advance(row: DomainRow, effect: 'issue' | 'renew', now: Date): Promise<Observation[]>;
  /** The last issued certificate and its key, for PutCname; the key is decrypted only here. */
  material(bucket: string, domain: string): Promise<CertificateMaterial | undefined>;
  /** Forgets a domain's orders and keys (after it is deleted). */
  forget(bucket: string, domain: string): Promise<void>;
}
