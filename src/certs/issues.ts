// One fix line per issue code, so every caller sees the same advice and docs/certificates.md has one
// source to mirror. Details stay with the check that found the problem.
import type { CertIssue, CertIssueCode } from './types.ts';

export type CertIssueSeverity = 'error' | 'warning';

interface IssueDefinition {
  severity: CertIssueSeverity;
  fix: string;
}

export const CERT_ISSUES: Readonly<Record<CertIssueCode, IssueDefinition>> = {
  'certificate-missing': {
    severity: 'error',
    fix: 'Send the PEM certificate (leaf first, then intermediates) together with its private key.',
  },
  'certificate-too-large': {
    severity: 'error',
    fix: 'Send only the leaf certificate and its intermediates; leave out the root and any other files.',
  },
  'certificate-chain-too-long': {
    severity: 'error',
    fix: 'Send the leaf and the intermediates that issued it, nothing else (no root, no bundles).',
  },
  'certificate-unparseable': {
    severity: 'error',
    fix: 'Send the certificate as PEM (-----BEGIN CERTIFICATE-----); convert DER with `openssl x509 -inform der -in cert.der -out cert.pem`.',
  },
  'certificate-not-a-certificate': {
    severity: 'error',
    fix: 'Put the certificate (-----BEGIN CERTIFICATE-----) in the certificate field and the private key in the private key field.',
  },
  'certificate-chain-broken': {
    severity: 'error',
    fix: 'Send the leaf followed by the intermediates that issued it, each issuing the one before; drop unrelated or repeated certificates.',
  },
  'certificate-chain-order': {
    severity: 'warning',
    fix: 'Order the chain leaf first, then each issuer (`cat leaf.pem intermediate.pem`); the service sent it in that order.',
  },
  'certificate-chain-incomplete': {
    severity: 'warning',
    fix: 'Append the intermediate certificates your CA supplied (often `chain.pem` or `ca-bundle.crt`) after the leaf.',
  },
  'certificate-self-signed': {
    severity: 'warning',
    fix: 'Use a certificate issued by a public CA (for example through Alibaba Cloud SSL Certificates Service); browsers distrust self-signed ones.',
  },
  'certificate-hostname-mismatch': {
    severity: 'error',
    fix: 'Use a certificate whose subjectAltName lists the domain (or a one-label wildcard above it), or bind a domain it covers.',
  },
  'certificate-expired': {
    severity: 'error',
    fix: 'Renew the certificate with your CA and send the new one.',
  },
  'certificate-not-yet-valid': {
    severity: 'error',
    fix: "Wait until the certificate's notBefore time, or check the clock of the machine that issued it.",
  },
  'certificate-expiring-soon': {
    severity: 'warning',
    fix: 'Renew the certificate now and bind the new one before it expires.',
  },
  'certificate-weak-key': {
    severity: 'error',
    fix: 'Issue the certificate for an RSA key of at least 2048 bits or an EC key on P-256, P-384 or P-521 (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`).',
  },
  'certificate-key-type-unsupported': {
    severity: 'error',
    fix: 'Issue the certificate for an RSA (2048 bits or more) or EC (P-256, P-384, P-521) key; browsers do not accept other key types.',
  },
  'certificate-weak-signature': {
    severity: 'error',
    fix: 'Have the certificate reissued with a SHA-256 (or stronger) signature; browsers reject MD5 and SHA-1 signed certificates.',
  },
  'private-key-missing': {
    severity: 'error',
    fix: 'Send the private key (PEM) that belongs to the certificate; OSS refuses a certificate without its key.',
  },
  'private-key-too-large': {
    severity: 'error',
    fix: 'Send only the one private key of the leaf certificate.',
  },
  'private-key-unparseable': {
    severity: 'error',
    fix: 'Send the key as unencrypted PEM: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY).',
  },
  'private-key-not-a-key': {
    severity: 'error',
    fix: 'Put the private key (-----BEGIN PRIVATE KEY-----) in the private key field and the certificate in the certificate field.',
  },
  'private-key-encrypted': {
    severity: 'error',
    fix: 'Decrypt the key first: `openssl pkey -in key.pem -out key-decrypted.pem` (asks for the passphrase), then send key-decrypted.pem.',
  },
  'private-key-mismatch': {
    severity: 'error',
    fix: 'Send the private key the certificate was issued for; compare `openssl x509 -noout -pubkey -in cert.pem` with `openssl pkey -pubout -in key.pem`.',
  },
  'cert-id-region-assumed': {
    severity: 'warning',
    fix: 'Send the full id `<id>-<region>`; international-site accounts keep certificates in ap-southeast-1 (`<id>-ap-southeast-1`).',
  },
  'cert-id-region-unusual': {
    severity: 'warning',
    fix: 'Use the region the certificate lives in within SSL Certificates Service: `<id>-cn-hangzhou` (China site) or `<id>-ap-southeast-1` (international site).',
  },
};

export function certIssue(code: CertIssueCode, detail: string): CertIssue {
  return { code, detail, fix: CERT_ISSUES[code].fix };
}

export function severityOf(code: CertIssueCode): CertIssueSeverity {
  return CERT_ISSUES[code].severity;
}
