// The key rule: RSA (and RSA-PSS) of at least 2048 bits, or EC on P-256/P-384/P-521 — what browsers and
// the CA/Browser Forum baseline accept. DSA and other EC curves are weak; EdDSA and the rest are not
// accepted by browsers in server certificates, so they are refused as unsupported.
import type { KeyObject } from 'node:crypto';
import { certIssue } from './issues.ts';
import type { CertIssue } from './types.ts';

const MIN_RSA_BITS = 2048;

const NIST_CURVES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

export interface KeyDescription {
  keyType: string;
  keyBits?: number;
  curve?: string;
}

export function describeKey(key: KeyObject): KeyDescription {
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa') {
    return details.modulusLength === undefined ? { keyType } : { keyType, keyBits: details.modulusLength };
  }
  if (keyType === 'ec') {
    const named = details.namedCurve;
    return named === undefined ? { keyType } : { keyType, curve: NIST_CURVES[named] ?? named };
  }
  return { keyType };
}

/** The issue a certificate's public key draws, if any; `who` names the certificate in the detail. */
export function keyStrengthIssue(key: KeyObject, who: string): CertIssue | undefined {
  const { keyType, keyBits, curve } = describeKey(key);
  if (keyType === 'rsa' || keyType === 'rsa-pss') {
    if (keyBits === undefined || keyBits < MIN_RSA_BITS) {
      return certIssue(
        'certificate-weak-key',
        `Certificate ${who} has a ${keyBits ?? 'unknown'}-bit RSA key; at least ${MIN_RSA_BITS} bits are required.`,
      );
    }
    return undefined;
  }
  if (keyType === 'ec') {
    if (curve !== undefined && Object.values(NIST_CURVES).includes(curve)) return undefined;
    return certIssue(
      'certificate-weak-key',
      `Certificate ${who} has an EC key on curve ${curve ?? '(explicit parameters)'}; only P-256, P-384 and P-521 are accepted.`,
    );
  }
  if (keyType === 'dsa') {
    return certIssue('certificate-weak-key', `Certificate ${who} has a DSA key; DSA is no longer accepted.`);
  }
  return certIssue(
    'certificate-key-type-unsupported',
    `Certificate ${who} has a ${keyType} key; browsers accept only RSA and EC keys in server certificates.`,
  );
}
