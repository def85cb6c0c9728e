// ACME certificates: one account per directory, orders as restart-safe steps over a plain JSON record,
// DNS-01 answered in our own zone behind the customer's `_acme-challenge` CNAME.

export { type AcmeAccount, openAccount } from './account.ts';
export { ariCertId } from './ari-cert-id.ts';
export { AcmeError, type AcmeErrorCode } from './errors.ts';
export { createPrivateKey } from './keys.ts';
export { challengeCname, challengeLabel } from './label.ts';
export { memoryAccountStore } from './memory-store.ts';
export type { OrderContext } from './order-context.ts';
export { removeChallengeRecords } from './order-context.ts';
export { describeCertificate, downloadCertificate, finalizeOrder, pollOrder } from './order-finish.ts';
export { advanceOrder, type RunOptions, runOrder, type StepResult } from './order-run.ts';
export { completeChallenges, precheckChallenges, publishChallenges, startOrder } from './order-start.ts';
export { AcmeProblem } from './problem.ts';
export type * from './types.ts';
export { zoneChallengeRecords } from './zone-challenge-records.ts';
