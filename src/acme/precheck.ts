// Before the CA is asked to validate, our own resolvers must see the TXT value through the customer's
// CNAME: a failed validation costs a failed authorization (Let's Encrypt allows 5 per hour), a pre-check
// costs nothing. acme-client's own check uses the system resolver and is skipped for that reason.

import { DnsQueryError, queryDns } from '../dns/query.ts';
import type { DnsQueryResult } from '../dns/types.ts';
import { AcmeError } from './errors.ts';
import { challengeBase } from './label.ts';
import type { OrderChallenge, PrecheckOptions } from './types.ts';

const MAX_HOPS = 8;

function lower(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

async function ask(name: string, opts: PrecheckOptions): Promise<DnsQueryResult> {
  let last: unknown;
  for (const server of opts.resolvers) {
    try {
      return await queryDns(name, 'TXT', { server, timeoutMs: opts.timeoutMs ?? 2_000 });
    } catch (error) {
      last = error;
    }
  }
  const why = last instanceof DnsQueryError ? last.message : 'no resolver configured';
  throw new AcmeError(
    'acme-challenge-not-visible',
    `Could not look up ${name} TXT: ${why}. Retrying later.`,
    {
      retryable: true,
    },
  );
}

/**
 * Follows `_acme-challenge.<domain>` through its CNAME chain as resolvers do and checks that it ends at
 * `<label>.<zone>` and that the value is there. Throws acme-challenge-not-visible saying what is wrong.
 */
export async function precheckChallenge(
  challenge: OrderChallenge,
  zone: string,
  opts: PrecheckOptions,
): Promise<void> {
  const start = `_acme-challenge.${challengeBase(challenge.domain)}`;
  const expected = `${challenge.label}.${zone}`;
  const result = await ask(start, opts);
  const answers = result.answers;
  let name = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const cname = answers.find((a) => a.type === 'CNAME' && lower(a.name) === name);
    if (cname === undefined) break;
    name = lower(cname.data);
  }
  const fix = `Add the record ${start} CNAME ${expected} (it stays for every renewal).`;
  if (name === start) {
    const txt = answers.some((a) => a.type === 'TXT' && lower(a.name) === start);
    throw notVisible(
      txt
        ? `${start} holds TXT records of its own instead of a CNAME to ${expected}; remove them. ${fix}`
        : `${start} has no CNAME (${result.rcode}). ${fix}`,
    );
  }
  if (name !== expected) {
    throw notVisible(`${start} leads to ${name}, not to ${expected}. ${fix}`);
  }
  let values = answers.filter((a) => a.type === 'TXT' && lower(a.name) === name).map((a) => a.data);
  // An authoritative server (not a recursive one) stops at a CNAME leaving its zone: ask the target.
  if (values.length === 0) {
    const target = await ask(expected, opts);
    values = target.answers.filter((a) => a.type === 'TXT' && lower(a.name) === name).map((a) => a.data);
  }
  if (!values.includes(challenge.value)) {
    throw notVisible(
      `${start} points at ${expected} correctly, but the challenge value is not visible there yet (DNS propagation); retrying.`,
    );
  }
}

function notVisible(detail: string): AcmeError {
  return new AcmeError('acme-challenge-not-visible', detail, { retryable: true });
}
