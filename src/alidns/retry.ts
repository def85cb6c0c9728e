// Which failures are worth another attempt. Reads (DescribeDomainRecords) and deletes (record ids are
// never reused, so a repeated delete at worst answers DomainRecordNotBelongToUser) may be retried after
// any transient failure. AddDomainRecord is not idempotent: it is retried only when Alidns certainly did
// not act (throttled, or the connection never opened); after an ambiguous failure the caller decides,
// e.g. by listing the records.

import { AlidnsBadResponseError, AlidnsNetworkError, AlidnsServiceError } from './errors.ts';

export type Repeatability = 'repeatable' | 'once';

function notApplied(err: unknown): boolean {
  if (err instanceof AlidnsServiceError) return err.throttled;
  if (err instanceof AlidnsNetworkError) return !err.requestSent;
  return false;
}

function transient(err: unknown): boolean {
  if (err instanceof AlidnsServiceError) return err.throttled || err.status >= 500;
  if (err instanceof AlidnsBadResponseError) return err.status >= 500;
  return err instanceof AlidnsNetworkError;
}

export function shouldRetry(err: unknown, mode: Repeatability): boolean {
  return mode === 'repeatable' ? transient(err) : notApplied(err);
}
