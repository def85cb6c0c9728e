// The pre-flight for PutCname with an uploaded certificate: every problem OSS would answer late and
// vaguely is found here, each with its own code. Pure: no I/O, the clock comes in as `now`.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { isSelfSigned, orderChain } from './chain-order.ts';
import { describeCertificate, distinguishedName } from './describe.ts';
import { hostnameIssue } from './hostname.ts';
import { certIssue, severityOf } from './issues.ts';
import { describeKey, keyStrengthIssue } from './key-strength.ts';
import { parseCertificates } from './parse-certificates.ts';
import { parsePrivateKey } from './parse-private-key.ts';
import { toPem } from './pem.ts';
import { costlyKeyIssue } from './signature-budget.ts';
import { signatureIssue } from './signature-strength.ts';
import { dnsNames } from './subject-alt-names.ts';
import type { CertCheckInput, CertCheckResult, CertInfo, CertIssue } from './types.ts';
import { daysLeft, validityIssues } from './validity.ts';

export function checkUploadedCertificate(input: CertCheckInput): CertCheckResult {
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) {
    throw new TypeError('checkUploadedCertificate: `now` must be a valid Date');
  }
  const issues: CertIssue[] = [];
  const certificates = parseCertificates(asText(input.certificatePem));
  const key = parsePrivateKey(asText(input.privateKeyPem));
  if (!key.ok) issues.push(key.issue);
  if (!certificates.ok) return finish([certificates.issue, ...issues], undefined, undefined);

  // Before any signature is checked: a key with a huge exponent makes every check expensive.
  const costly = costlyKeyIssue(certificates.certificates);
  if (costly) return finish([costly, ...issues], undefined, undefined);
  const ordered = orderChain(certificates.certificates);
  if (!ordered.ok) return finish([ordered.issue, ...issues], undefined, undefined);
  const { chain, indices } = ordered;
  const leaf = chain[0] as X509Certificate;
  const name = (position: number) =>
    describeCertificate(chain[position] as X509Certificate, indices[position] ?? 0);

  issues.push(...chainShapeIssues(chain, indices, ordered.reordered, name));
  if (key.ok) {
    const mismatch = keyMismatch(chain, key.key, name);
    if (mismatch) issues.push(mismatch);
  }
  const hostname = hostnameIssue(leaf, asText(input.domain));
  if (hostname) issues.push(hostname);
  for (const position of chain.keys()) {
    issues.push(...certificateIssues(chain[position] as X509Certificate, name(position), input.now));
  }

  const normalized = key.ok
    ? {
        certificatePem: chain.map((c) => toPem('CERTIFICATE', Buffer.from(c.raw))).join(''),
        privateKeyPem: key.pem,
      }
    : undefined;
  return finish(issues, describeLeaf(leaf, chain.length, input.now), normalized);
}

type Namer = (position: number) => string;

/** Warnings about how the chain was sent: out of order, or a lone leaf. */
function chainShapeIssues(
  chain: readonly X509Certificate[],
  indices: readonly number[],
  reordered: boolean,
  name: Namer,
): CertIssue[] {
  const issues: CertIssue[] = [];
  if (reordered) {
    const sent = indices.map((i) => `#${i + 1}`).join(', ');
    issues.push(
      certIssue('certificate-chain-order', `The chain arrived out of order; leaf first it is ${sent}.`),
    );
  }
  const leaf = chain[0] as X509Certificate;
  if (chain.length === 1 && isSelfSigned(leaf)) {
    issues.push(certIssue('certificate-self-signed', `Certificate ${name(0)} signed itself.`));
  } else if (chain.length === 1) {
    issues.push(
      certIssue(
        'certificate-chain-incomplete',
        `Only the leaf was sent; its issuer "${distinguishedName(leaf.issuer)}" is missing, and clients that do not already hold it will fail.`,
      ),
    );
  }
  return issues;
}

/** What every certificate of the chain must satisfy on its own: validity, key and signature strength. */
function certificateIssues(certificate: X509Certificate, who: string, now: Date): CertIssue[] {
  const issues = validityIssues(certificate, who, now);
  const publicKey = publicKeyOf(certificate);
  const weakKey = publicKey
    ? keyStrengthIssue(publicKey, who)
    : certIssue(
        'certificate-key-type-unsupported',
        `Certificate ${who} has a public key node:crypto cannot read.`,
      );
  if (weakKey) issues.push(weakKey);
  const weakSignature = signatureIssue(certificate, who);
  if (weakSignature) issues.push(weakSignature);
  return issues;
}

function keyMismatch(chain: readonly X509Certificate[], key: KeyObject, name: Namer): CertIssue | undefined {
  if (matches(chain[0] as X509Certificate, key)) return undefined;
  const owner = chain.findIndex((certificate) => matches(certificate, key));
  const whose = owner > 0 ? `; it belongs to certificate ${name(owner)}` : '';
  return certIssue(
    'private-key-mismatch',
    `The private key does not belong to the leaf certificate ${name(0)}${whose}.`,
  );
}

function matches(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function describeLeaf(leaf: X509Certificate, chainLength: number, now: Date): CertInfo {
  return {
    fingerprintSha1: leaf.fingerprint,
    subject: distinguishedName(leaf.subject),
    issuer: distinguishedName(leaf.issuer),
    sans: dnsNames(leaf.subjectAltName),
    validFrom: leaf.validFromDate.toISOString(),
    validTo: leaf.validToDate.toISOString(),
    daysLeft: daysLeft(leaf, now),
    ...describeLeafKey(leaf),
    chainLength,
  };
}

function describeLeafKey(leaf: X509Certificate): ReturnType<typeof describeKey> {
  const key = publicKeyOf(leaf);
  return key ? describeKey(key) : { keyType: 'unknown' };
}

/** The getter throws for algorithms OpenSSL cannot decode; such input must yield an issue, not a crash. */
function publicKeyOf(certificate: X509Certificate): KeyObject | undefined {
  try {
    return certificate.publicKey;
  } catch {
    return undefined;
  }
}

function finish(
  issues: CertIssue[],
  info: CertInfo | undefined,
  normalized: CertCheckResult['normalized'],
): CertCheckResult {
  const errors = issues.filter((issue) => severityOf(issue.code) === 'error');
  const warnings = issues.filter((issue) => severityOf(issue.code) === 'warning');
  return { ok: errors.length === 0, errors, warnings, info, normalized };
}

/** Bodies come from JSON; a number or null where text belongs must not throw. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
