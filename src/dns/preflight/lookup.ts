// Lookups as the pre-flight's checks see them: never throwing. A failure becomes a value that names the
// server and the reason, so checks can report it as `pending` instead of crashing. The reason goes to the
// failure observer (the request's log line), never into answers (issue 19, F5). The queries behind them:
// shared-lookup.ts.

import type { DnsQueryResult, DnsQueryType, DnsServerAddress } from '../types.ts';

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

/** host:port, with brackets around IPv6 hosts. */
export function serverLabel(server: DnsServerAddress): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
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
