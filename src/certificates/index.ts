// Managed certificates as the reconciler sees them.
export type { CertificateDriver, CertificateMaterial, ChallengeCname } from './driver.ts';
