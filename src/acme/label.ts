// The label a domain's `_acme-challenge` CNAME points at. It is derived, not stored: the same domain and
// secret always give the same label, so the customer's CNAME stays right across renewals and restarts,
// and the label reveals nothing about the domain.

import { createHmac } from 'node:crypto';
import { normalizeName } from '../dns/names.ts';

/** The name a wildcard's challenge lives under is its base domain's (RFC 8555 §8.4). */
export function challengeBase(domain: string): string {
  return normalizeName(domain.replace(/^\*\./, ''));
}

/** A 32-character lowercase hex label, relative to ACME_DNS_ZONE. */
export function challengeLabel(domain: string, secret: string): string {
  return createHmac('sha256', secret).update(challengeBase(domain)).digest('hex').slice(0, 32);
}

/** The CNAME the customer adds once: `_acme-challenge.<domain>` → `<label>.<zone>`. */
export function challengeCname(
  domain: string,
  secret: string,
  zone: string,
): { type: 'CNAME'; name: string; value: string } {
  return {
    type: 'CNAME',
    name: `_acme-challenge.${challengeBase(domain)}`,
    value: `${challengeLabel(domain, secret)}.${normalizeName(zone)}`,
  };
}
