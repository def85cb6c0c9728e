// Lookups as the pre-flight needs them: cached, and never throwing. A failure becomes a value that
// names the server and the reason, so checks can report it as `pending` instead of crashing. The reason
// goes to the failure observer (the request's log line), never into answers (issue 19, F5).

import { withSpan } from '../../telemetry/index.ts';
import { DnsQueryError, queryDns } from '../query.ts';
import type { DnsQueryResult, DnsQueryType, DnsServerAddress } from '../types.ts';
import type { DnsLookupCache } from './lookup-cache.ts';

export type LookupOutcome =
  | { ok: true; server: string; result: DnsQueryResult }
  | { ok: false; server: string; code: string; message: string };

export type Lookup = (server: DnsServerAddress, name: string, type: DnsQueryType) => Promise<LookupOutcome>;

/** A lookup that a caller may abandon: its `signal` aborted, it answers DNS_ABORTED at once. */
export type AbortableLookup = (
  server: DnsServerAddress,
  name: string,
  type: DnsQueryType,
  signal?: AbortSignal,
) => Promise<LookupOutcome>;

/** Why a lookup failed, for logs: callers only learn that the server gave no answer. */
export interface LookupFailure {
  server: string;
  name: string;
  type: DnsQueryType;
  code: string;
}

export type LookupFailureObserver = (failure: LookupFailure) => void;

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
  signal: AbortSignal,
): Promise<LookupOutcome> {
  const label = serverLabel(server);
  try {
    const result = await queryDns(name, type, { server, timeoutMs, signal });
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

interface Flight {
  outcome: Promise<LookupOutcome>;
  controller: AbortController;
  /** Callers still waiting that may abandon it; at zero the query itself is abandoned. */
  waiters: number;
}

function abandoned(server: string): LookupOutcome {
  return { ok: false, server, code: 'DNS_ABORTED', message: `${server}: lookup abandoned` };
}

/**
 * Lookups through the cache; identical lookups in flight share one query, which is abandoned (its
 * socket closed) once every caller waiting on it has given up.
 */
export function createLookup(
  cache: DnsLookupCache,
  timeoutMs: number,
  onFailure?: LookupFailureObserver,
): AbortableLookup {
  const inFlight = new Map<string, Flight>();
  const start = (key: string, server: DnsServerAddress, name: string, type: DnsQueryType): Flight => {
    const label = serverLabel(server);
    const controller = new AbortController();
    const outcome = withSpan(
      'dns.query',
      () => ask(cache, key, server, name, type, timeoutMs, controller.signal),
      {
        attributes: { 'dns.question.name': name, 'dns.question.type': type, 'server.address': label },
        describe: (result) => ({ 'dns.outcome': result.ok ? result.result.rcode : result.code }),
      },
    ).then((result) => {
      if (!result.ok) onFailure?.({ server: label, name, type, code: result.code });
      return result;
    });
    const flight: Flight = { outcome, controller, waiters: 0 };
    void outcome.finally(() => {
      if (inFlight.get(key) === flight) inFlight.delete(key);
    });
    inFlight.set(key, flight);
    return flight;
  };
  return (server, name, type, signal) => {
    const label = serverLabel(server);
    const key = `${label}|${name.toLowerCase()}|${type}`;
    const cached = cache.get(key);
    if (cached !== undefined) return Promise.resolve({ ok: true, server: label, result: cached });
    if (signal?.aborted) return Promise.resolve(abandoned(label));
    const flight = inFlight.get(key) ?? start(key, server, name, type);
    if (signal === undefined) {
      // A caller that never gives up keeps the query alive for everyone.
      flight.waiters = Number.POSITIVE_INFINITY;
      return flight.outcome;
    }
    flight.waiters += 1;
    return new Promise((resolve) => {
      const leave = () => {
        flight.waiters -= 1;
        if (flight.waiters <= 0) {
          if (inFlight.get(key) === flight) inFlight.delete(key);
          flight.controller.abort();
        }
        resolve(abandoned(label));
      };
      signal.addEventListener('abort', leave, { once: true });
      void flight.outcome.then((outcome) => {
        signal.removeEventListener('abort', leave);
        resolve(outcome);
      });
    });
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

/**
 * A one-line account of failed lookups, for summaries. Which server timed out and which refused stays in
 * the logs: in answers it would tell a caller whose zone names internal addresses which of them listen on
 * port 53 (issue 19, F5).
 */
export function describeFailures(failures: Array<{ server: string }>): string {
  if (failures.length === 0) return 'no DNS servers are configured';
  return failures.map((failure) => `${failure.server} (no answer)`).join(', ');
}
