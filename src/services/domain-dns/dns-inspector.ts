// The service's one DNS pre-flight: created once per app so its lookup cache spans requests, bounded by
// a time budget so a bind never waits on DNS for long, and able to look again without the cache before
// a refusal rests on an answer that may have changed since (a record published a moment ago). Past the
// budget its lookups are abandoned, sockets closed, not left running (issue 19, F5); why a lookup failed
// goes to the request's log line, never into the answer.

import type { LookupFailureObserver } from '../../dns/preflight/lookup.ts';
import { createLookup } from '../../dns/preflight/shared-lookup.ts';
import {
  PREFLIGHT_CHECK_IDS,
  type PreflightCheck,
  type PreflightInput,
  type PreflightReport,
} from '../../dns/preflight/types.ts';
import { DEFAULT_RETRY_SECONDS } from '../../dns/preflight/verdict.ts';
import { discoverZone } from '../../dns/preflight/zone.ts';
import {
  createDnsPreflight,
  DnsLookupCache,
  type DnsPreflight,
  effectiveResolvers,
} from '../../dns/preflight.ts';
import type { DnsServerAddress } from '../../dns/types.ts';
import { recordDnsFailure } from '../../request/context.ts';

export interface DnsInspectorOptions {
  /** DNS_RESOLVERS; [] means the system's. */
  resolvers: DnsServerAddress[];
  authoritativePort: number;
  timeoutMs: number;
  cacheTtlMs: number;
  /** DNS_PREFLIGHT_TIMEOUT_MS: budget of one pre-flight (and of one zone lookup). */
  preflightTimeoutMs: number;
  now?: (() => number) | undefined;
  /** Where failed lookups are told; the current request's log line by default. */
  onLookupFailure?: LookupFailureObserver | undefined;
  /** Awaited before each query is sent (the reconciler's RECONCILE_DNS_QPS). */
  gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
}

export class DnsInspector {
  readonly #cached: DnsPreflight;
  readonly #fresh: DnsPreflight;
  readonly #onFailure: LookupFailureObserver;
  readonly #options: DnsInspectorOptions;
  readonly #cache: DnsLookupCache;

  constructor(options: DnsInspectorOptions) {
    this.#options = options;
    this.#cache = new DnsLookupCache({ maxTtlMs: options.cacheTtlMs, now: options.now ?? Date.now });
    this.#onFailure = options.onLookupFailure ?? recordDnsFailure;
    const common = {
      resolvers: options.resolvers,
      authoritativePort: options.authoritativePort,
      timeoutMs: options.timeoutMs,
      onLookupFailure: this.#onFailure,
      gate: options.gate,
    };
    this.#cached = createDnsPreflight({ ...common, cache: this.#cache });
    // A cache whose entries live 0 ms keeps nothing: every lookup asks the servers.
    this.#fresh = createDnsPreflight({ ...common, cacheTtlMs: 0 });
  }

  /** The pre-flight report; `fresh` skips the cache. Never slower than the budget. */
  run(input: PreflightInput, options: { fresh?: boolean } = {}): Promise<PreflightReport> {
    const preflight = options.fresh ? this.#fresh : this.#cached;
    return withinBudget(
      (signal) => preflight(input, signal),
      this.#options.preflightTimeoutMs,
      () => timedOutReport(input.domain, this.#options.preflightTimeoutMs),
    );
  }

  /**
   * Sends now the lookups a run for this domain will make, so that the run, started once OSS has answered,
   * finds them answered (cached) or shares them while in flight: the pre-flight's DNS time then overlaps
   * the OSS call instead of following it. Nothing is reported; failures reach the request's log line as
   * any lookup's do. Stops at the budget, or as soon as `signal` aborts (its sockets closed).
   */
  warm(input: Pick<PreflightInput, 'domain' | 'cnameTarget'>, signal: AbortSignal): void {
    void withinBudget(
      (budget) => this.#cached.warm(input, AbortSignal.any([budget, signal])),
      this.#options.preflightTimeoutMs,
      () => undefined,
    ).catch(() => undefined);
  }

  /** The zone holding `domain` as DNS shows it (its SOA owner); undefined when DNS cannot tell in time. */
  async zoneOf(domain: string): Promise<string | undefined> {
    const shared = createLookup(this.#cache, this.#options.timeoutMs, this.#onFailure, this.#options.gate);
    const resolvers = effectiveResolvers(this.#options.resolvers);
    const zone = (signal: AbortSignal) =>
      discoverZone(
        (server, name, type) => shared(server, name, type, signal),
        resolvers,
        domain,
        this.#options.authoritativePort,
      ).then(
        (found) => found?.name,
        () => undefined,
      );
    return withinBudget(zone, this.#options.preflightTimeoutMs, () => undefined);
  }
}

/** `late()` once the budget is spent; the work's signal is aborted then, so its lookups stop too. */
async function withinBudget<T>(
  work: (signal: AbortSignal) => Promise<T>,
  budgetMs: number,
  late: () => T,
): Promise<T> {
  const budget = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      budget.abort();
      resolve(late());
    }, budgetMs);
    timer.unref();
  });
  try {
    return await Promise.race([work(budget.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function timedOutReport(domain: string, budgetMs: number): PreflightReport {
  const checks: PreflightCheck[] = PREFLIGHT_CHECK_IDS.map((id) => ({
    id,
    status: 'pending',
    summary: `DNS lookups for ${domain} did not finish within ${budgetMs} ms.`,
    fix: 'Check that the resolvers are reachable (or set DNS_RESOLVERS), then retry.',
  }));
  return { domain, verdict: 'pending', retryAfterSeconds: DEFAULT_RETRY_SECONDS, checks };
}
