// ListCname entries for unit tests.
import type { CnameInfo } from '../../src/oss/types.ts';

const date = (iso: string) => ({ raw: iso, iso });

export function binding(
  domain: string,
  certificate?: { certId: string; fingerprint?: string; validUntil?: string },
): CnameInfo {
  return {
    domain,
    status: 'Enabled',
    isWildcard: false,
    lastModified: date('2026-01-01T00:00:00.000Z'),
    certificate: certificate && {
      type: 'CAS',
      certId: certificate.certId,
      status: 'Enabled',
      creationDate: date('2026-01-01T00:00:00.000Z'),
      fingerprint: certificate.fingerprint ?? 'DE:01:CF:EC:7C:A7:98:CB:D8:6E:FB:1D:97:EB:A9:64:1D:4E:00:01',
      validStartDate: date('2026-01-01T00:00:00.000Z'),
      validEndDate: date(certificate.validUntil ?? '2027-01-01T00:00:00.000Z'),
    },
  };
}
