// The expiry watch of certificates bound through /cnames (docs/domains.md#expiry-watch): buckets
// registered by certificate writes, looked at with ListCname on a schedule, warnings raised once per
// threshold per certificate with domain.certificate_expiring. Managed domains warn through the reconciler.

export {
  type CertificateWatchParts,
  type CertificateWatchRegistry,
  composeCertificateWatch,
} from './compose.ts';
export { type BoundCertificateExpiring, boundCertificateExpiring } from './expiring-data.ts';
export { type BucketLook, type BucketPlan, planBucket, type WarningState } from './plan.ts';
export { CertificateWatchRepository, type ClaimedBucket } from './repository.ts';
export {
  CertificateWatch,
  type CertificateWatchDeps,
  type CertificateWatchSettings,
} from './watcher.ts';
