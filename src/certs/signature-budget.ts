// What keeps a hostile chain cheap: a signature check costs one modular exponentiation with the issuer's
// public exponent, so a 3072-bit RSA key with a 3070-bit exponent makes each check ~6 ms, and a chain of
// ten certificates sharing one name used to ask for ninety. Keys whose checks cost more than a normal
// key's are refused before any check, and the checks of one upload are counted and capped.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { describeCertificate } from './describe.ts';
import { certIssue } from './issues.ts';
import { MAX_RSA_EXPONENT_BITS, MAX_RSA_MODULUS_BITS, MAX_SIGNATURE_CHECKS } from './limits.ts';
import type { CertIssue } from './types.ts';

/** The first certificate whose key would make signature checks expensive, as an issue. */
export function costlyKeyIssue(certificates: readonly X509Certificate[]): CertIssue | undefined {
  for (const [index, certificate] of certificates.entries()) {
    const reason = costlyKey(publicKeyOf(certificate));
    if (reason)
      return certIssue(
        'certificate-weak-key',
        `Certificate ${describeCertificate(certificate, index)} ${reason}`,
      );
  }
  return undefined;
}

function costlyKey(key: KeyObject | undefined): string | undefined {
  const type = key?.asymmetricKeyType;
  const details = key?.asymmetricKeyDetails ?? {};
  if (type === 'rsa' || type === 'rsa-pss') {
    const exponentBits = details.publicExponent?.toString(2).length ?? 0;
    if (exponentBits > MAX_RSA_EXPONENT_BITS)
      return `has an RSA public exponent of ${exponentBits} bits; only exponents of at most ${MAX_RSA_EXPONENT_BITS} bits (normally 65537) are accepted.`;
    if ((details.modulusLength ?? 0) > MAX_RSA_MODULUS_BITS)
      return `has a ${details.modulusLength}-bit RSA key; at most ${MAX_RSA_MODULUS_BITS} bits are accepted.`;
  }
  // DSA is refused anyway (key-strength.ts), and its checks grow with a modulus of up to 10,000 bits.
  if (type === 'dsa') return 'has a DSA key; DSA is no longer accepted.';
  return undefined;
}

/** Counts the signature checks of one upload; past the cap every further check fails. */
export class SignatureBudget {
  #left = MAX_SIGNATURE_CHECKS;

  get exhausted(): boolean {
    return this.#left <= 0;
  }

  /** True when `parent` named and signed `child`; names and key identifiers are compared first, for free. */
  issued(parent: X509Certificate, child: X509Certificate): boolean {
    try {
      if (!child.checkIssued(parent) || this.#left <= 0) return false;
      this.#left -= 1;
      return child.verify(parent.publicKey);
    } catch {
      return false;
    }
  }
}

/** The getter throws for algorithms OpenSSL cannot decode. */
function publicKeyOf(certificate: X509Certificate): KeyObject | undefined {
  try {
    return certificate.publicKey;
  } catch {
    return undefined;
  }
}
