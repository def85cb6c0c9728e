// Managed certificates as the reconciler sees them.

export { type StoredAccountStore, storeAccountStore } from './account-store.ts';
export { type AcmeDriverOptions, createAcmeDriver } from './acme-driver.ts';
export { type AlidnsChallengeOptions, alidnsChallengeRecords } from './alidns-records.ts';
export {
  type CertificateStore,
  certificateStore,
  type StoredCertificate,
  type StoredOrder,
} from './certificate-store.ts';
export type { CertificateDriver, CertificateMaterial, ChallengeCname } from './driver.ts';
export { type CertificateWiring, certificatesFromConfig, type EmulatorEndpoints } from './from-config.ts';
