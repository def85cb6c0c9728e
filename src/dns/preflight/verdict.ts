// The overall verdict and the suggested wait: the worst status wins, and the wait is the longest TTL
// among the checks that did not pass (how long resolvers may keep showing the old state).

import type { CheckStatus, PreflightCheck } from './types.ts';

/** When nothing states a TTL (e.g. unreachable resolvers), ask again after this long. */
export const DEFAULT_RETRY_SECONDS = 30;
/** An hour: beyond that a TTL (the zone owner's choice) is a configuration problem, not a reason to wait. */
const MAX_RETRY_SECONDS = 3_600;

export function verdictOf(checks: PreflightCheck[]): CheckStatus {
  if (checks.some((check) => check.status === 'fail')) return 'fail';
  if (checks.some((check) => check.status === 'pending')) return 'pending';
  return 'pass';
}

export function retryAfterSeconds(checks: PreflightCheck[]): number | undefined {
  const open = checks.filter((check) => check.status !== 'pass');
  if (open.length === 0) return undefined;
  const ttls = open.map((check) => check.ttl).filter((ttl): ttl is number => ttl !== undefined);
  const longest = ttls.length === 0 ? DEFAULT_RETRY_SECONDS : Math.max(...ttls);
  return Math.min(Math.max(longest, 1), MAX_RETRY_SECONDS);
}
