// The certificate a PutCname binds: a CAS certificate the seed declares (`CertId`), or an uploaded PEM
// pair whose fingerprint and validity are read from the certificate itself.

import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import type { SeedCasCertificate } from '../seed/schema.ts';
import type { CertificateRecord } from '../state/model.ts';
import type { EmulatorState } from '../state/store.ts';
// Certificate argument errors are InvalidArgument 400 (protocol §8.2), each with its own EC.
import { invalidArgument } from '../wire/request-errors.ts';
import type { CertificateInput } from './cname-config.ts';
import { cnameErrors } from './errors.ts';

const MAX_CERT_ID_BYTES = 64;
/** Uploaded certificates get CAS-like ids, `<number>-<region>`, numbered from here. */
const UPLOAD_ID_BASE = 20_000_000;

interface CertificateFacts {
  fingerprint: string;
  validStartDate: number;
  validEndDate: number;
}

function factsOf(x509: X509Certificate): CertificateFacts {
  return {
    fingerprint: x509.fingerprint,
    validStartDate: x509.validFromDate.getTime(),
    validEndDate: x509.validToDate.getTime(),
  };
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function casFacts(cas: SeedCasCertificate): CertificateFacts {
  const x509 = cas.certificate === undefined ? undefined : parseCertificate(cas.certificate);
  if (x509) return factsOf(x509);
  return {
    fingerprint: cas.fingerprint ?? '',
    validStartDate: Date.parse(cas.validStartDate ?? ''),
    validEndDate: Date.parse(cas.validEndDate ?? ''),
  };
}

function fromCas(state: EmulatorState, certId: string, owner: string, now: number): CertificateRecord {
  if (Buffer.byteLength(certId) >= MAX_CERT_ID_BYTES) {
    throw invalidArgument('CertId', certId, 'The CertId must be shorter than 64 bytes.', '0018-00000206');
  }
  const cas = state.casCertificate(certId);
  if (!cas || cas.owner !== owner) throw cnameErrors.invalidCasId(certId);
  return { type: 'CAS', certId, status: 'Enabled', creationDate: now, ...casFacts(cas) };
}

function parseKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    // Never echo the key back.
    throw invalidArgument(
      'PrivateKey',
      '******',
      'The private key is not a valid unencrypted PEM private key.',
      '0018-00000208',
    );
  }
}

function fromUpload(
  state: EmulatorState,
  input: CertificateInput,
  region: string,
  now: number,
): CertificateRecord {
  const { certificate, privateKey } = input;
  if (certificate === undefined || privateKey === undefined || certificate === '' || privateKey === '') {
    throw invalidArgument(
      certificate ? 'PrivateKey' : 'Certificate',
      '',
      'Certificate and PrivateKey must be given together.',
      '0018-00000210',
    );
  }
  const x509 = parseCertificate(certificate);
  if (!x509) {
    throw invalidArgument(
      'Certificate',
      certificate.slice(0, 64),
      'The certificate is not a valid PEM certificate.',
      '0018-00000207',
    );
  }
  if (!x509.checkPrivateKey(parseKey(privateKey))) {
    throw invalidArgument(
      'PrivateKey',
      '******',
      'The private key does not match the certificate.',
      '0018-00000211',
    );
  }
  const certId = `${UPLOAD_ID_BASE + state.nextUploadSequence()}-${region}`;
  return { type: 'Upload', certId, status: 'Enabled', creationDate: now, ...factsOf(x509) };
}

/** True when the configuration asks to attach a certificate (as opposed to only Force/Delete flags). */
export function attachesCertificate(input: CertificateInput): boolean {
  return input.certId !== undefined || input.certificate !== undefined || input.privateKey !== undefined;
}

/**
 * Resolves the certificate to bind. A CertId wins over an uploaded pair sent beside it (the Go SDK's
 * sample sends both); see docs/emulator.md.
 */
export function resolveCertificate(
  state: EmulatorState,
  input: CertificateInput,
  ctx: { owner: string; region: string; now: number },
): CertificateRecord {
  if (input.certId !== undefined && input.certId !== '')
    return fromCas(state, input.certId, ctx.owner, ctx.now);
  return fromUpload(state, input, ctx.region, ctx.now);
}
