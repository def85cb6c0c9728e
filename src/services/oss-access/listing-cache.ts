// Recent ListCname answers per bucket and region, so frontends polling GET …/cnames are answered without
// waiting for OSS: concurrent reads share one call in flight, and an answer is reused while it is younger
// than `maxAgeMs`. Only reads that say they accept it come here; preconditions and the write path read
// OSS directly. Writes made through this process forget the bucket at their start and their end, and a
// read in flight across a write is neither joined afterwards nor kept. Per process: other
// replicas may answer from their own copy for at most `maxAgeMs`.
import type { CnameInfo } from '../../oss/index.ts';

export interface Listing {
  cnames: CnameInfo[];
  /** Milliseconds since the ListCname call that produced it started (0 for a call made just now). */
  ageMs: number;
}

export interface ListingCacheOptions {
  /** Longest reuse of one answer; 0 turns caching and sharing off. */
  maxAgeMs: number;
  /** Buckets remembered; the oldest is forgotten first. */
  maxEntries?: number | undefined;
  /** Monotonic milliseconds (tests pass their own). */
  now?: (() => number) | undefined;
}

interface Entry {
  region: string;
  startedAt: number;
  cnames: CnameInfo[];
}

interface Flight {
  region: string;
  startedAt: number;
  answer: Promise<CnameInfo[]>;
  /** Set when a write began after it started: its answer is not kept. */
  stale: boolean;
}

export class ListingCache {
  readonly #maxAgeMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #flights = new Map<string, Flight>();

  constructor(options: ListingCacheOptions) {
    this.#maxAgeMs = options.maxAgeMs;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The bucket's bindings in `region`, recent enough, shared, or from `fetch` (whose errors propagate). */
  async read(bucket: string, region: string, fetch: () => Promise<CnameInfo[]>): Promise<Listing> {
    if (this.#maxAgeMs <= 0) return { cnames: await fetch(), ageMs: 0 };
    const now = this.#now();
    const entry = this.#entries.get(bucket);
    if (entry && entry.region === region) {
      const ageMs = now - entry.startedAt;
      if (ageMs < this.#maxAgeMs) return { cnames: entry.cnames, ageMs: Math.max(0, ageMs) };
      this.#entries.delete(bucket);
    }
    let flight = this.#flights.get(bucket);
    if (!flight || flight.region !== region) flight = this.#start(bucket, region, fetch, now);
    const cnames = await flight.answer;
    return { cnames, ageMs: Math.max(0, this.#now() - flight.startedAt) };
  }

  /** A write to the bucket is about to happen or has happened: nothing read before it is reused. */
  forget(bucket: string): void {
    if (this.#maxAgeMs <= 0) return;
    this.#entries.delete(bucket);
    this.#retire(bucket);
  }

  #start(bucket: string, region: string, fetch: () => Promise<CnameInfo[]>, now: number): Flight {
    this.#retire(bucket);
    const answer = fetch();
    const flight: Flight = { region, startedAt: now, answer, stale: false };
    this.#flights.set(bucket, flight);
    const settle = () => {
      if (this.#flights.get(bucket) === flight) this.#flights.delete(bucket);
    };
    answer.then((cnames) => {
      settle();
      if (!flight.stale) this.#keep(bucket, { region, startedAt: now, cnames });
    }, settle);
    return flight;
  }

  /** The flight in progress is no longer joined, and its answer not kept. */
  #retire(bucket: string): void {
    const flight = this.#flights.get(bucket);
    if (!flight) return;
    flight.stale = true;
    this.#flights.delete(bucket);
  }

  #keep(bucket: string, entry: Entry): void {
    this.#entries.delete(bucket);
    this.#entries.set(bucket, entry);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
