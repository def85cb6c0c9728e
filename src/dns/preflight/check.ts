// Builds check results without undefined members, so reports serialize and compare cleanly.

import type { CheckStatus, PreflightCheck, PreflightCheckId } from './types.ts';

export const NOTHING_TO_DO = 'Nothing to do.';

export function makeCheck(
  id: PreflightCheckId,
  status: CheckStatus,
  summary: string,
  fix: string,
  extra: { observed?: Record<string, unknown>; ttl?: number | undefined } = {},
): PreflightCheck {
  const check: PreflightCheck = { id, status, summary, fix };
  if (extra.observed !== undefined) check.observed = extra.observed;
  if (extra.ttl !== undefined) check.ttl = extra.ttl;
  return check;
}

/** "about 60 s", or a vaguer phrase when no TTL is known. */
export function waitPhrase(ttl: number | undefined): string {
  return ttl === undefined ? 'a few minutes' : `about ${ttl} s`;
}
