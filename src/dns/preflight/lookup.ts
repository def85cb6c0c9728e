// Lookups as the pre-flight needs them: cached, and never throwing. A failure becomes a value that
// names the server and the reason, so checks can report it as `pending` instead of crashing.

import { withSpan } from '../../telemetry/index.ts';
import { DnsQueryError, queryDns } from '../query.ts';
import type { DnsQueryResult, DnsQueryType, DnsServerAddress } from '../types.ts';
import type { DnsLookupCache } from './lookup-cache.ts';

export type LookupOutcome =
  | { ok: true; server: string; result: DnsQueryResult }
  | { ok: false; server: string; code: string; message: string };

export type Lookup = (server: DnsServerAddress, name: string, type: DnsQueryType) => Promise<LookupOutcome>;

const ANSWERING_RCODES = new Set(['NOERROR', 'NXDOMAIN']);

/** host:port, with brackets around IPv6 hosts. */
export function serverLabel(server: DnsServerAddress): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

async function ask(
  cache: DnsLookupCache,
  key: string,
  server: DnsServerAddress,
  name: string,
  type: DnsQueryType,
  timeoutMs: number,
): Promise<LookupOutcome> {
  const label = serverLabel(server);
  try {
    const result = await queryDns(name, type, { server, timeoutMs });
    // SERVFAIL, REFUSED and the like say nothing about the name: a failure, not an empty answer.
    if (!ANSWERING_RCODES.has(result.rcode)) {
      return {
        ok: false,
        server: label,
        code: `DNS_${result.rcode}`,
        message: `${label} answered ${result.rcode}`,
      };
    }
    cache.set(key, result);
    return { ok: true, server: label, result };
  } catch (error) {
    const code = error instanceof DnsQueryError ? error.code : 'DNS_ERROR';
    return { ok: false, server: label, code, message: (error as Error).message };
  }
}

/** Lookups through the cache; identical lookups in flight share one query. */
export function createLookup(cache: DnsLookupCache, timeoutMs: number): Lookup {
  const inFlight = new Map<string, Promise<LookupOutcome>>();
  return (server, name, type) => {
    const label = serverLabel(server);
    const key = `${label}|${name.toLowerCase()}|${type}`;
    const cached = cache.get(key);
    if (cached !== undefined) return Promise.resolve({ ok: true, server: label, result: cached });
    let pending = inFlight.get(key);
    if (pending === undefined) {
      pending = withSpan('dns.query', () => ask(cache, key, server, name, type, timeoutMs), {
        attributes: { 'dns.question.name': name, 'dns.question.type': type, 'server.address': label },
        describe: (outcome) => ({ 'dns.outcome': outcome.ok ? outcome.result.rcode : outcome.code }),
      }).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
}

/** Asks every server at once and keeps the first answer; all failures when none answered. */
export async function firstAnswer(
  lookup: Lookup,
  servers: DnsServerAddress[],
  name: string,
  type: DnsQueryType,
): Promise<{
  answer?: Extract<LookupOutcome, { ok: true }>;
  failures: Extract<LookupOutcome, { ok: false }>[];
}> {
  const attempts = servers.map((server) =>
    lookup(server, name, type).then((outcome) => (outcome.ok ? outcome : Promise.reject(outcome))),
  );
  try {
    return { answer: await Promise.any(attempts), failures: [] };
  } catch (error) {
    const failures = (error as AggregateError).errors as Extract<LookupOutcome, { ok: false }>[];
    return { failures };
  }
}

/** A one-line account of failed lookups, for summaries. */
export function describeFailures(failures: Array<{ server: string; code: string }>): string {
  if (failures.length === 0) return 'no DNS servers are configured';
  return failures.map((failure) => `${failure.server} (${failure.code})`).join(', ');
}
