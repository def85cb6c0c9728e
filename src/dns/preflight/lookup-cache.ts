// A small cache of DNS answers keyed by server, name and type. Entries live no longer than the shortest
// TTL in the answer (the SOA's negative TTL for negative answers) and no longer than the configured cap;
// the oldest entries go first when the cache is full. Failures are never cached.

import type { DnsQueryResult } from '../types.ts';
import { parseSoaText } from '../wire-records.ts';

export interface LookupCacheOptions {
  /** Upper bound for one entry's life, in milliseconds. */
  maxTtlMs: number;
  /** Number of answers kept; default 1000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  result: DnsQueryResult;
  expiresAt: number;
}

/** Seconds an answer may be reused: the smallest record TTL, SOA MINIMUM included (RFC 2308 §5). */
export function answerTtlSeconds(result: DnsQueryResult): number | undefined {
  const ttls: number[] = [];
  for (const record of [...result.answers, ...result.authorities]) {
    ttls.push(record.ttl);
    if (record.type === 'SOA') {
      const minimum = parseSoaText(record.data)?.minimum;
      if (minimum !== undefined) ttls.push(minimum);
    }
  }
  return ttls.length === 0 ? undefined : Math.min(...ttls);
}

export class DnsLookupCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxTtlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: LookupCacheOptions) {
    this.#maxTtlMs = options.maxTtlMs;
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): DnsQueryResult | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  set(key: string, result: DnsQueryResult): void {
    // An answer without any record (not even an SOA) states no TTL; the cap alone bounds it.
    const ttlSeconds = answerTtlSeconds(result);
    const ttlMs = ttlSeconds === undefined ? this.#maxTtlMs : Math.min(this.#maxTtlMs, ttlSeconds * 1000);
    if (ttlMs <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { result, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
