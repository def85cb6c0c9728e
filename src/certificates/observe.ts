// From what an ACME step did or threw to what the lifecycle's transition function reads.

import { X509Certificate } from 'node:crypto';
import { AcmeError, type IssuedCertificate as AcmeIssued } from '../acme/index.ts';
import { AlidnsError } from '../alidns/index.ts';
import type { Observation } from '../domains/index.ts';

export function issuedObservation(issued: AcmeIssued, renewAfter: Date): Observation {
  return {
    kind: 'certificate',
    step: 'issued',
    certificate: {
      notBefore: new Date(issued.notBefore),
      notAfter: new Date(issued.notAfter),
      fingerprint: new X509Certificate(issued.certificatePem).fingerprint,
      renewAfter,
      // The OSS certificate id is known only once PutCname attached it.
      certId: null,
    },
  };
}

/**
 * A failure as the domain's certificate.lastError: our code with the CA's own detail. Only refusals that
 * no retry can overcome without someone changing DNS are terminal; a missing CNAME is not (it waits).
 */
export function failedObservation(error: unknown): Observation {
  if (error instanceof AcmeError) {
    return {
      kind: 'certificate',
      step: 'failed',
      error: { code: error.code, detail: error.detail },
      terminal: error.code === 'acme-caa-forbidden',
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterMs: error.retryAfterSeconds * 1000 }),
    };
  }
  if (error instanceof AlidnsError) {
    return {
      kind: 'certificate',
      step: 'failed',
      error: {
        code: 'acme-challenge-not-visible',
        detail: `The challenge record could not be written in Alibaba Cloud DNS: ${error.message}`,
      },
      terminal: false,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'certificate',
    step: 'failed',
    error: { code: 'acme-order-failed', detail: `The certificate order stopped: ${message}` },
    terminal: false,
  };
}

/**
 * True when the order the error came from is over at the CA (invalid, refused): the next advance starts a
 * new one. A challenge not yet visible before the CA was asked keeps the order.
 */
export function orderIsDead(error: unknown, step: string): boolean {
  if (!(error instanceof AcmeError)) return false;
  if (error.code === 'acme-unavailable' || error.code === 'acme-rate-limited') return false;
  if (error.code === 'acme-challenge-not-visible') return step === 'poll';
  return true;
}
