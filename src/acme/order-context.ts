import type { AcmeAccount } from './account.ts';
import type { OrderLimiter } from './limiter.ts';
import type { ChallengeRecords, OrderRecord, PrecheckOptions } from './types.ts';

/** What every order step needs besides the record. */
export interface OrderContext {
  account: AcmeAccount;
  records: ChallengeRecords;
  /** Secret the challenge labels are derived from; the same for every replica and for ever. */
  labelSecret: string;
  precheck: PrecheckOptions;
  /** How long to wait between two polls of the CA; default 1000 ms. */
  pollIntervalMs?: number;
  now?: () => number;
  /** Counts orders and failed validations against the CA's limits; shared by every order of the account. */
  limiter?: OrderLimiter;
}

export function later(ctx: OrderContext, record: OrderRecord): OrderRecord {
  const now = ctx.now?.() ?? Date.now();
  return { ...record, notBefore: new Date(now + (ctx.pollIntervalMs ?? 1_000)).toISOString() };
}

/** The minimal order object acme-client's calls read (`url`, `finalize`, `certificate`, `status`). */
export function orderRef(record: OrderRecord) {
  return {
    url: record.orderUrl,
    finalize: record.finalizeUrl,
    status: 'valid' as const,
    identifiers: record.domains.map((value) => ({ type: 'dns', value })),
    authorizations: record.challenges.map((c) => c.authorizationUrl),
    ...(record.certificateUrl === undefined ? {} : { certificate: record.certificateUrl }),
  };
}

/** Removes the TXT values an order published; idempotent, so it may run after every terminal state. */
export async function removeChallengeRecords(ctx: OrderContext, record: OrderRecord): Promise<void> {
  for (const challenge of record.challenges) await ctx.records.remove(challenge.label, challenge.value);
}
