// Check `ownership-txt`: TXT _dnsauth.<domain> at every resolver and at the zone's name servers,
// compared with the live token. The name servers are the truth; resolvers may lag by a TTL.

import type { DnsServerAddress } from '../types.ts';
import { makeCheck, NOTHING_TO_DO, waitPhrase } from './check.ts';
import { describeFailures, type Lookup } from './lookup.ts';
import { maxTtl, recordsAt, relativeHost, txtRecordName, visibilityTtl } from './records.ts';
import type { PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

type Outcome = 'match' | 'mismatch' | 'absent' | 'error';

/** What of a zone's TXT values reaches an answer: the zone's owner chooses them, up to ~64 KB, and a
 *  caller must not be able to grow an answer (and every log of it) by publishing junk. */
const MAX_VALUES_SHOWN = 3;
const MAX_VALUE_CHARS = 100;
const MAX_VALUES_OBSERVED = 5;
const MAX_OBSERVED_CHARS = 255;

function clip(value: string, limit: number): string {
  return value.length <= limit ? value : `${value.slice(0, limit)}…`;
}

function showValues(values: string[]): string {
  const shown = values
    .slice(0, MAX_VALUES_SHOWN)
    .map((value) => JSON.stringify(clip(value, MAX_VALUE_CHARS)));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function clipObservation(observation: TxtObservation): TxtObservation {
  const { values } = observation;
  if (values === undefined) return observation;
  return {
    ...observation,
    values: values.slice(0, MAX_VALUES_OBSERVED).map((value) => clip(value, MAX_OBSERVED_CHARS)),
  };
}

interface TxtObservation {
  server: string;
  role: 'resolver' | 'authoritative';
  outcome: Outcome;
  values?: string[];
  /** The TXT TTL, or the negative-cache TTL when absent. */
  ttl?: number | undefined;
}

async function observe(
  lookup: Lookup,
  server: DnsServerAddress,
  role: TxtObservation['role'],
  name: string,
  token: string,
): Promise<TxtObservation> {
  const outcome = await lookup(server, name, 'TXT');
  // Why it failed (timeout, refused, SERVFAIL) goes to the logs only (issue 19, F5).
  if (!outcome.ok) return { server: outcome.server, role, outcome: 'error' };
  const records = recordsAt(outcome.result, name, 'TXT');
  const values = records.map((record) => record.data);
  const state: Outcome = values.length === 0 ? 'absent' : values.includes(token) ? 'match' : 'mismatch';
  return {
    server: outcome.server,
    role,
    outcome: state,
    values,
    ttl: visibilityTtl(outcome.result, records),
  };
}

function quotedOrPadded(values: string[], token: string): boolean {
  return values.some(
    (value) =>
      value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim() === token,
  );
}

export interface TxtCheckContext {
  lookup: Lookup;
  resolvers: DnsServerAddress[];
  zone: ZoneInfo | undefined;
  domain: string;
  token: string | undefined;
  bound: boolean;
}

export async function checkOwnershipTxt(ctx: TxtCheckContext): Promise<PreflightCheck> {
  const id = 'ownership-txt';
  const name = txtRecordName(ctx.domain);
  if (ctx.bound) {
    return makeCheck(
      id,
      'pass',
      `${ctx.domain} is already bound; OSS no longer reads ${name}.`,
      NOTHING_TO_DO,
    );
  }
  const token = ctx.token;
  if (token === undefined) {
    const fix = `Create a CNAME token for ${ctx.domain}, then publish it as TXT ${name}.`;
    return makeCheck(id, 'fail', `There is no live verification token for ${ctx.domain}.`, fix);
  }
  const host = ctx.zone === undefined ? name : relativeHost(name, ctx.zone.name);
  const record = { type: 'TXT', name, host, value: token };
  const observations = await Promise.all([
    ...(ctx.zone?.servers ?? []).map((server) => observe(ctx.lookup, server, 'authoritative', name, token)),
    ...ctx.resolvers.map((server) => observe(ctx.lookup, server, 'resolver', name, token)),
  ]);
  const observed = { record, servers: observations.map(clipObservation) };
  const answered = (role: TxtObservation['role']) =>
    observations.filter((o) => o.role === role && o.outcome !== 'error');
  const authoritative = answered('authoritative');
  // The name servers decide what is published; resolvers only when no name server answered.
  const source = authoritative.length > 0 ? authoritative : answered('resolver');

  if (source.length === 0) {
    const fix = 'Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.';
    return makeCheck(
      id,
      'pending',
      `No DNS server answered for ${name}: ${describeFailures(observations)}.`,
      fix,
      {
        observed,
      },
    );
  }
  if (source.some((o) => o.outcome === 'match')) {
    // Name servers that cannot be reached directly (egress to port 53 is often filtered) are only
    // reported; resolvers that cannot be reached, or any server without the token, hold the check back.
    const lagging = observations.filter(
      (o) =>
        o.outcome === 'absent' ||
        o.outcome === 'mismatch' ||
        (o.outcome === 'error' && o.role === 'resolver'),
    );
    if (lagging.length === 0) {
      const ttl = maxTtl(source.map((o) => o.ttl));
      return makeCheck(id, 'pass', `${name} holds the live token.`, NOTHING_TO_DO, { observed, ttl });
    }
    const ttl = maxTtl(lagging.map((o) => o.ttl));
    const holding = observations.filter((o) => o.outcome === 'match').map((o) => o.server);
    const where = lagging
      .map((o) => `${o.server} (${o.outcome === 'error' ? 'no answer' : o.outcome})`)
      .join(', ');
    const summary = `${name} holds the live token at ${holding.join(', ')} but not yet at ${where}.`;
    const fix = lagging.every((o) => o.outcome === 'error')
      ? 'Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.'
      : `Wait ${waitPhrase(ttl)} for resolvers to pick up the record, then retry.`;
    return makeCheck(id, 'pending', summary, fix, { observed, ttl });
  }
  const mismatching = source.filter((o) => o.outcome === 'mismatch');
  if (mismatching.length > 0) {
    const values = [...new Set(mismatching.flatMap((o) => o.values ?? []))];
    const hint = quotedOrPadded(values, token) ? ' (without quotes or spaces around it)' : '';
    const shown = showValues(values);
    const summary = `${name} holds ${shown}, not the live token (a stale token or one for another bucket).`;
    const ttl = maxTtl(observations.filter((o) => o.outcome === 'mismatch').map((o) => o.ttl));
    return makeCheck(id, 'fail', summary, `Set the TXT record at host "${host}" to ${token}${hint}.`, {
      observed,
      ttl,
    });
  }
  const zoneNote = ctx.zone === undefined ? '' : ` in zone ${ctx.zone.name}`;
  const fix = `Publish a TXT record with host "${host}"${zoneNote} and value ${token}.`;
  return makeCheck(id, 'fail', `No TXT record at ${name}.`, fix, {
    observed,
    ttl: maxTtl(source.map((o) => o.ttl)),
  });
}
