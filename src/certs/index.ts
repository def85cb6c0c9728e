// Public surface of the certificate pre-flight; see docs/certificates.md.
export {
  CERT_REGIONS,
  type CertIdOptions,
  type CertIdResult,
  DEFAULT_CERT_REGION,
  normalizeCertId,
} from './cert-id.ts';
export { checkUploadedCertificate } from './check-uploaded-certificate.ts';
export { CERT_ISSUES, type CertIssueSeverity } from './issues.ts';
export { certIdProblem, certificateProblem } from './problem.ts';
export type {
  CertCheckInput,
  CertCheckResult,
  CertInfo,
  CertIssue,
  CertIssueCode,
  NormalizedCertificate,
} from './types.ts';
