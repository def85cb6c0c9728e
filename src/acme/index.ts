// ACME certificates: one account per directory, orders as restart-safe steps over a plain JSON record,
// DNS-01 answered in our own zone behind the customer's `_acme-challenge` CNAME.

export { type AcmeAccount, openAccount } from './account.ts';
export { fetchRenewalInfo, parseRenewalInfo, type RenewalInfo } from './ari.ts';
export { ariCertId } from './ari-cert-id.ts';
export { type EmulatorAcme, PEBBLE_HINT, startEmulatorAcme } from './emulator.ts';
export { AcmeError, type AcmeErrorCode } from './errors.ts';
export { createPrivateKey } from './keys.ts';
export { challengeCname, challengeLabel } from './label.ts';
export { LETS_ENCRYPT_LIMITS, type LimiterSnapshot, OrderLimiter, type OrderLimits } from './limiter.ts';
export { memoryAccountStore } from './memory-store.ts';
export type { OrderContext } from './order-context.ts';
export { removeChallengeRecords } from './order-context.ts';
export { describeCertificate, downloadCertificate, finalizeOrder, pollOrder } from './order-finish.ts';
export { advanceOrder, type RunOptions, runOrder, type StepResult } from './order-run.ts';
export { completeChallenges, precheckChallenges, publishChallenges, startOrder } from './order-start.ts';
export { AcmeProblem } from './problem.ts';
export { registeredDomain } from './registered-domain.ts';
export { type CertificateDates, isRenewalDue, type RenewalWindow, renewalTime } from './renewal.ts';
export { acmeSettings, LETS_ENCRYPT_DIRECTORY } from './settings.ts';
export type * from './types.ts';
