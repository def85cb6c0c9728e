// ACME Renewal Information (RFC 9773): the CA's suggested renewal window for one certificate. The
// directory's `renewalInfo` URL plus the certificate id is a plain unauthenticated GET.

import acme from 'acme-client';
import { mapAcmeErrors } from './account.ts';
import { AcmeError } from './errors.ts';
import { parseRetryAfter } from './problem.ts';
import type { RenewalWindow } from './renewal.ts';

export interface RenewalInfo {
  window: RenewalWindow;
  explanationUrl?: string;
  /** When to ask again (the answer's Retry-After); RFC 9773 suggests about six hours otherwise. */
  nextCheckSeconds: number;
}

const DEFAULT_RECHECK = 6 * 3_600;

export function parseRenewalInfo(body: unknown, retryAfter: string | undefined): RenewalInfo | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { suggestedWindow?: { start?: unknown; end?: unknown }; explanationURL?: unknown };
  const start = b.suggestedWindow?.start;
  const end = b.suggestedWindow?.end;
  if (typeof start !== 'string' || typeof end !== 'string') return undefined;
  if (
    Number.isNaN(Date.parse(start)) ||
    Number.isNaN(Date.parse(end)) ||
    Date.parse(end) < Date.parse(start)
  ) {
    return undefined;
  }
  return {
    window: { start, end },
    ...(typeof b.explanationURL === 'string' ? { explanationUrl: b.explanationURL } : {}),
    nextCheckSeconds: parseRetryAfter(retryAfter) ?? DEFAULT_RECHECK,
  };
}

/** undefined when the directory has no renewalInfo (Pebble 2.4) or the answer is unusable. */
export async function fetchRenewalInfo(
  account: { renewalInfoUrl: string | undefined },
  ariCertId: string | undefined,
): Promise<RenewalInfo | undefined> {
  if (account.renewalInfoUrl === undefined || ariCertId === undefined) return undefined;
  const url = `${account.renewalInfoUrl.replace(/\/$/, '')}/${ariCertId}`;
  let res: { data: unknown; headers: Record<string, unknown> };
  try {
    res = await mapAcmeErrors(() => acme.axios.get<unknown>(url, { validateStatus: null }));
  } catch (error) {
    // A CA that does not know the certificate (404) leaves the lifetime rule in charge; an outage does not.
    if (error instanceof AcmeError && error.code !== 'acme-unavailable') return undefined;
    throw error;
  }
  const retryAfter = res.headers['retry-after'];
  return parseRenewalInfo(res.data, typeof retryAfter === 'string' ? retryAfter : undefined);
}
