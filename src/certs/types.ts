// The public shapes of the certificate checks. Codes are stable: callers and docs/certificates.md key on them.
import type { z } from 'zod';
import type { CertIssue as CertIssueSchema } from '../schemas/cname.ts';

export type CertIssueCode =
  | 'certificate-missing'
  | 'certificate-too-large'
  | 'certificate-chain-too-long'
  | 'certificate-unparseable'
  | 'certificate-not-a-certificate'
  | 'certificate-chain-broken'
  | 'certificate-chain-order'
  | 'certificate-chain-incomplete'
  | 'certificate-self-signed'
  | 'certificate-hostname-mismatch'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-expiring-soon'
  | 'certificate-weak-key'
  | 'certificate-key-type-unsupported'
  | 'certificate-weak-signature'
  | 'private-key-missing'
  | 'private-key-too-large'
  | 'private-key-unparseable'
  | 'private-key-not-a-key'
  | 'private-key-encrypted'
  | 'private-key-mismatch'
  | 'cert-id-region-assumed'
  | 'cert-id-region-unusual';

/**
 * One finding: the fields are the API's (its schema is the one source), with the code narrowed to the stable list.
 * `detail` names the certificate where it matters (#1 = first in the chain); `fix` tells the caller what to do.
 */
export type CertIssue = Omit<z.output<typeof CertIssueSchema>, 'code'> & { code: CertIssueCode };

export interface CertCheckInput {
  /** PEM: the leaf certificate, optionally followed by its intermediates. */
  certificatePem: string;
  /** PEM private key of the leaf: PKCS#8, PKCS#1 or SEC1, unencrypted. */
  privateKeyPem: string;
  /** The custom domain the certificate must cover (Unicode or punycode). */
  domain: string;
  /** The clock the validity checks use; injected so results are reproducible. */
  now: Date;
}

export interface CertInfo {
  /** SHA-1 of the leaf's DER, 20 colon-separated upper-case hex bytes: the form ListCname shows. */
  fingerprintSha1: string;
  /** Distinguished names as `CN=…, O=…`. */
  subject: string;
  issuer: string;
  /** DNS names of the subjectAltName extension (IP and other entries are left out). */
  sans: string[];
  /** ISO 8601 UTC. */
  validFrom: string;
  validTo: string;
  /** Whole days from `now` until the leaf expires; negative once expired. */
  daysLeft: number;
  /** node:crypto's asymmetricKeyType of the leaf's public key: `rsa`, `ec`, `rsa-pss`, `ed25519`, … */
  keyType: string;
  /** RSA modulus length; absent for other key types. */
  keyBits?: number;
  /** EC curve as NIST names it (`P-256`) or as OpenSSL does when NIST has no name. */
  curve?: string;
  /** Certificates in the (normalised, leaf-first) chain, leaf included. */
  chainLength: number;
}

/** What to send to OSS: canonical PEM (LF, 64-column base64, no text between blocks), leaf first. */
export interface NormalizedCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CertCheckResult {
  /** True when `errors` is empty; warnings never block. */
  ok: boolean;
  errors: CertIssue[];
  warnings: CertIssue[];
  /** Present once the leaf certificate parsed. */
  info: CertInfo | undefined;
  /** Present once both the certificate chain and the key parsed. */
  normalized: NormalizedCertificate | undefined;
}
