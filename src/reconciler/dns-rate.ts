// RECONCILE_DNS_QPS: the reconciler's DNS queries share one budget per process, so a pass over thousands
// of due domains spreads its lookups instead of flooding the resolvers (public resolvers throttle or ban a
// source that bursts). A generic cell-rate bucket: each query reserves the next slot, so concurrent
// callers queue in order and no window of W ms sees more than burst + rate × W queries.

export interface DnsRateOptions {
  /** Queries per second, at least 1. */
  perSecond: number;
  /** Epoch milliseconds; injected by tests. */
  now?: (() => number) | undefined;
  /** Resolves after `ms`, or rejects once `signal` aborts; injected by tests. */
  wait?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/** Waits for a slot before each query; rejects only when `signal` aborts while waiting. */
export type DnsGate = (signal?: AbortSignal) => Promise<void>;

/** A tenth of a second's worth: enough to let one check's parallel lookups through together. */
export function burstOf(perSecond: number): number {
  return Math.max(1, Math.floor(perSecond / 10));
}

export function createDnsGate(options: DnsRateOptions): DnsGate {
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const interval = 1000 / options.perSecond;
  const tolerance = (burstOf(options.perSecond) - 1) * interval;
  // The theoretical time of the next query at the steady rate (GCRA).
  let next = Number.NEGATIVE_INFINITY;
  return async (signal) => {
    const at = now();
    const slot = Math.max(next, at);
    next = slot + interval;
    const delay = slot - tolerance - at;
    // An abandoned wait keeps its slot: the rate can only come out lower, never higher.
    if (delay > 0) await wait(delay, signal);
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
