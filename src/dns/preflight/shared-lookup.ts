// The query behind every pre-flight lookup: asked once however many checks (and requests) want the same
// answer at once, cached, and abandoned, its socket closed, once every caller waiting on it has given up
// (a pre-flight past its budget, issue 19, F5).

import { withSpan } from '../../telemetry/index.ts';
import { DnsQueryError, queryDns } from '../query.ts';
import type { DnsQueryType, DnsServerAddress } from '../types.ts';
import type { AbortableLookup, LookupFailureObserver, LookupOutcome } from './lookup.ts';
import { serverLabel } from './lookup.ts';
import type { DnsLookupCache } from './lookup-cache.ts';

/** Resolves when a query may be sent (a rate limit); rejects once the signal aborts. */
type QueryGate = (signal: AbortSignal) => Promise<void>;

const ANSWERING_RCODES = new Set(['NOERROR', 'NXDOMAIN']);

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
  gate?: QueryGate,
): AbortableLookup {
  const inFlight = new Map<string, Flight>();
  const start = (key: string, server: DnsServerAddress, name: string, type: DnsQueryType): Flight => {
    const label = serverLabel(server);
    const controller = new AbortController();
    const outcome = withSpan(
      'dns.query',
      async () => {
        // Waiting for the rate limit counts against the caller's budget like the query itself.
        if (gate !== undefined) {
          try {
            await gate(controller.signal);
          } catch {
            return abandoned(label);
          }
        }
        return ask(cache, key, server, name, type, timeoutMs, controller.signal);
      },
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
