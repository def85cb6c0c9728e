// The `data` of domain.certificate_expiring for a certificate bound through /cnames (not a managed
// domain, whose events carry the domain resource). `managed: false` tells the two shapes apart.
import type { CnameCertificate } from '../oss/index.ts';
import { DAY_MS } from '../time/durations.ts';

export interface BoundCertificateExpiring {
  bucket: string;
  domain: string;
  managed: false;
  /** Where the binding is read and changed. */
  binding: string;
  certificate: {
    type: string;
    certId: string;
    fingerprint: string;
    notBefore: string | null;
    notAfter: string;
  };
  /** The warning raised: 30, 14, 7 or 3 (the nearest when several were crossed at once). */
  thresholdDays: number;
  /** Whole days left until notAfter, rounded down. */
  daysLeft: number;
}

export function boundCertificateExpiring(
  bucket: string,
  domain: string,
  certificate: CnameCertificate,
  notAfter: Date,
  thresholdDays: number,
  now: Date,
): BoundCertificateExpiring {
  return {
    bucket,
    domain,
    managed: false,
    binding: `/buckets/${bucket}/cnames/${domain}`,
    certificate: {
      type: certificate.type,
      certId: certificate.certId,
      fingerprint: certificate.fingerprint,
      notBefore: certificate.validStartDate.iso ?? null,
      notAfter: notAfter.toISOString(),
    },
    thresholdDays,
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
  };
}
