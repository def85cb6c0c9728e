// Shared by the check-*.test.ts files: run checkUploadedCertificate on a helper-made certificate.
import { checkUploadedCertificate } from '../../../src/certs/index.ts';
import type { CertCheckInput, CertCheckResult } from '../../../src/certs/types.ts';
import { type CertSpec, makeCertificate } from '../../helpers/certs.ts';

export const NOW = () => new Date();

export async function check(
  spec: CertSpec,
  overrides: Partial<CertCheckInput> = {},
): Promise<CertCheckResult> {
  const material = await makeCertificate(spec);
  return checkUploadedCertificate({
    certificatePem: material.chainPem,
    privateKeyPem: material.privateKeyPem,
    domain: spec.sans?.[0] ?? 'example.com',
    now: NOW(),
    ...overrides,
  });
}

export const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code);
