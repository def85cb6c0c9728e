// Checks `acme-challenge-cname` and `acme-challenge-txt`: the customer's one-time delegation
// `_acme-challenge.<domain> CNAME <label>.<ACME_DNS_ZONE>`, and TXT records of its own at that name, which
// some DNS hosts keep beside a CNAME and which then answer the CA instead of our zone.

import { normalizeName } from '../names.ts';
import type { DnsServerAddress } from '../types.ts';
import { makeCheck, NOTHING_TO_DO, waitPhrase } from './check.ts';
import { describeFailures, firstAnswer, type Lookup } from './lookup.ts';
import { recordsAt, visibilityTtl } from './records.ts';
import type { PreflightCheck } from './types.ts';

export interface AcmeChallengeContext {
  lookup: Lookup;
  resolvers: DnsServerAddress[];
  domain: string;
  /** Where the CNAME must point: `<label>.<ACME_DNS_ZONE>`. */
  expected: string;
}

function acmeChallengeName(domain: string): string {
  return `_acme-challenge.${domain.replace(/^\*\./, '')}`;
}

export async function checkAcmeChallenge(ctx: AcmeChallengeContext): Promise<PreflightCheck[]> {
  const name = acmeChallengeName(ctx.domain);
  const expected = normalizeName(ctx.expected, 'expected');
  const [cname, txt] = await Promise.all([
    firstAnswer(ctx.lookup, ctx.resolvers, name, 'CNAME'),
    firstAnswer(ctx.lookup, ctx.resolvers, name, 'TXT'),
  ]);
  const add = `Add the record ${name} CNAME ${expected} (once; it serves every renewal).`;
  const checks: PreflightCheck[] = [];

  if (cname.answer === undefined) {
    const why = describeFailures(cname.failures);
    checks.push(makeCheck('acme-challenge-cname', 'pending', `Could not look up ${name}: ${why}.`, add));
  } else {
    const records = recordsAt(cname.answer.result, name, 'CNAME');
    const ttl = visibilityTtl(cname.answer.result, records);
    const targets = records.map((r) => normalizeName(r.data.replace(/\.$/, ''), 'cname'));
    const observed = { cname: targets };
    if (targets.length === 0) {
      checks.push(
        makeCheck('acme-challenge-cname', 'fail', `${name} has no CNAME record.`, add, { observed, ttl }),
      );
    } else if (!targets.includes(expected)) {
      const fix = `Change ${name} to CNAME ${expected}, then wait ${waitPhrase(ttl)}.`;
      const summary = `${name} points at ${targets.join(', ')}, not at ${expected}.`;
      checks.push(makeCheck('acme-challenge-cname', 'fail', summary, fix, { observed, ttl }));
    } else {
      const summary = `${name} points at ${expected}: the service answers its certificate challenges.`;
      checks.push(makeCheck('acme-challenge-cname', 'pass', summary, NOTHING_TO_DO, { observed, ttl }));
    }
  }

  if (txt.answer === undefined) {
    const why = describeFailures(txt.failures);
    checks.push(
      makeCheck('acme-challenge-txt', 'pending', `Could not look up ${name} TXT: ${why}.`, NOTHING_TO_DO),
    );
  } else {
    // TXT values behind the CNAME carry the target's name; only values at the name itself conflict.
    const own = recordsAt(txt.answer.result, name, 'TXT').map((r) => r.data);
    if (own.length === 0) {
      checks.push(
        makeCheck('acme-challenge-txt', 'pass', `${name} holds no TXT records of its own.`, NOTHING_TO_DO),
      );
    } else {
      const summary = `${name} holds TXT records of its own (${own.join(', ')}); the CA would read them instead of the service's.`;
      const fix = `Delete the TXT records at ${name} (left by another ACME client or your DNS host); keep only the CNAME to ${expected}.`;
      checks.push(makeCheck('acme-challenge-txt', 'fail', summary, fix, { observed: { txt: own } }));
    }
  }
  return checks;
}
