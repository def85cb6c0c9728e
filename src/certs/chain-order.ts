// Puts the chain leaf first, each certificate followed by its issuer, using only signatures and names
// (checkIssued + verify), never the order it arrived in. A chain that does not link is refused. Only pairs
// whose names and key identifiers match are verified, within the upload's SignatureBudget.
import type { X509Certificate } from 'node:crypto';
import { describeCertificate, distinguishedName } from './describe.ts';
import { certIssue } from './issues.ts';
import { MAX_SIGNATURE_CHECKS } from './limits.ts';
import { SignatureBudget } from './signature-budget.ts';
import type { CertIssue } from './types.ts';

export type OrderedChain =
  | { ok: true; chain: X509Certificate[]; indices: number[]; reordered: boolean }
  | { ok: false; issue: CertIssue };

/** Names itself as issuer and carries its own signature. Not checkIssued: that also demands the
 *  keyCertSign usage, which a self-signed server certificate usually lacks. */
export function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

/** Callers must have refused costly keys first (costlyKeyIssue): the budget counts checks, not their price. */
export function orderChain(
  certificates: readonly X509Certificate[],
  budget = new SignatureBudget(),
): OrderedChain {
  const duplicate = findDuplicate(certificates);
  if (duplicate) {
    const [first, repeat] = duplicate;
    return broken(`Certificate #${repeat + 1} repeats certificate #${first + 1}.`);
  }
  const count = certificates.length;
  // issuerOf[i] lists every j (j != i) that issued certificate i.
  const issuerOf = certificates.map((child, i) =>
    certificates.flatMap((parent, j) => (i !== j && budget.issued(parent, child) ? [j] : [])),
  );
  if (budget.exhausted) {
    return broken(
      `The certificates name each other as issuer too often: linking them would take more than ${MAX_SIGNATURE_CHECKS} signature checks.`,
    );
  }
  const isIssuer = new Set(issuerOf.flat());
  const leaves = certificates.flatMap((_, i) => (isIssuer.has(i) ? [] : [i]));
  const leaf = leaves[0] ?? 0;
  const path = [leaf];
  while (path.length < count) {
    const current = path[path.length - 1] ?? leaf;
    const next = issuerOf[current]?.find((j) => !path.includes(j));
    if (next === undefined) break;
    path.push(next);
  }
  if (path.length < count) return broken(explainGap(certificates, path));
  const reordered = path.some((index, position) => index !== position);
  return { ok: true, chain: path.map((i) => certificates[i] as X509Certificate), indices: path, reordered };
}

function explainGap(certificates: readonly X509Certificate[], path: number[]): string {
  const leftover = certificates.findIndex((_, i) => !path.includes(i));
  const first = path[0] ?? 0;
  const last = path[path.length - 1] ?? first;
  const leftoverCert = certificates[leftover] as X509Certificate;
  const lastCert = certificates[last] as X509Certificate;
  const head = `Certificate ${describeCertificate(leftoverCert, leftover)} is not in the issuer chain of ${describeCertificate(certificates[first] as X509Certificate, first)}`;
  if (isSelfSigned(lastCert)) return `${head}.`;
  return `${head}: ${describeCertificate(lastCert, last)} was issued by "${distinguishedName(lastCert.issuer)}", which is not among the certificates sent.`;
}

function findDuplicate(certificates: readonly X509Certificate[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [index, certificate] of certificates.entries()) {
    const earlier = seen.get(certificate.fingerprint256);
    if (earlier !== undefined) return [earlier, index];
    seen.set(certificate.fingerprint256, index);
  }
  return undefined;
}

function broken(detail: string): OrderedChain {
  return { ok: false, issue: certIssue('certificate-chain-broken', detail) };
}
