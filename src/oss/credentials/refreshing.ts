import { OssCredentialsError } from '../errors.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

// Caches temporary credentials and refreshes them the way the Go SDK's fetcher provider does (protocol §5):
// - at fetch time the refresh window is 0.8 × the remaining lifetime, used only when it exceeds 120 s;
// - once `now + window ≥ expiration` one caller refreshes while the others keep using the old credentials;
//   if that early refresh fails the old credentials stay and the window shrinks by 120 s;
// - expired (or never fetched) credentials force a blocking refresh that all callers share.

export interface RefreshingOptions {
  fetch: (signal?: AbortSignal) => Promise<Credentials>;
  /** Epoch milliseconds; injectable for tests. */
  now?: (() => number) | undefined;
  expiredFactor?: number | undefined;
  refreshDurationMs?: number | undefined;
}

interface Cached {
  creds: Credentials;
  windowMs: number;
}

export class RefreshingCredentialsProvider implements CredentialsProvider {
  readonly #fetch: RefreshingOptions['fetch'];
  readonly #now: () => number;
  readonly #factor: number;
  readonly #refreshMs: number;
  #cached: Cached | undefined;
  #inflight: Promise<Credentials> | undefined;

  constructor(opts: RefreshingOptions) {
    this.#fetch = opts.fetch;
    this.#now = opts.now ?? Date.now;
    this.#factor = opts.expiredFactor ?? 0.8;
    this.#refreshMs = opts.refreshDurationMs ?? 120_000;
  }

  #expired(c: Cached): boolean {
    const exp = c.creds.expiration;
    return exp !== undefined && exp.getTime() <= this.#now();
  }

  #soonExpired(c: Cached): boolean {
    const exp = c.creds.expiration;
    return exp !== undefined && c.windowMs > 0 && this.#now() + c.windowMs >= exp.getTime();
  }

  #store(creds: Credentials): void {
    let windowMs = 0;
    if (creds.expiration) {
      const lifetime = this.#factor * (creds.expiration.getTime() - this.#now());
      if (lifetime > this.#refreshMs) windowMs = lifetime;
    }
    this.#cached = { creds, windowMs };
  }

  /** One fetch at a time; concurrent callers share it. */
  #refresh(signal?: AbortSignal): Promise<Credentials> {
    if (!this.#inflight) {
      this.#inflight = this.#fetch(signal)
        .then((creds) => {
          this.#store(creds);
          return creds;
        })
        .finally(() => {
          this.#inflight = undefined;
        });
    }
    return this.#inflight;
  }

  async getCredentials(signal?: AbortSignal): Promise<Credentials> {
    const cached = this.#cached;
    if (cached === undefined || this.#expired(cached)) {
      try {
        return await this.#refresh(signal);
      } catch (err) {
        if (err instanceof OssCredentialsError) throw err;
        throw new OssCredentialsError('cannot refresh OSS credentials', { cause: err });
      }
    }
    if (!this.#soonExpired(cached) || this.#inflight) return cached.creds;
    try {
      return await this.#refresh(signal);
    } catch {
      // The old credentials are still valid; try again later rather than failing the call.
      if (this.#cached === cached) {
        this.#cached = { creds: cached.creds, windowMs: Math.max(0, cached.windowMs - this.#refreshMs) };
      }
      return cached.creds;
    }
  }
}
