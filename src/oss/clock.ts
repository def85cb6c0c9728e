import { parseHttpDate } from './signer/index.ts';

/**
 * Signing clock: the injectable base clock plus an offset learned from OSS. After a RequestTimeTooSkewed
 * answer the offset becomes (server Date − local time), so later signatures use the server's idea of now,
 * as the Go and TypeScript SDKs do.
 */
export class SkewClock {
  readonly #base: () => number;
  #offsetMs = 0;

  constructor(base: () => number = Date.now) {
    this.#base = base;
  }

  now(): number {
    return this.#base() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Returns false (and keeps the old offset) when the header is missing or unreadable. */
  adjustFromServerDate(dateHeader: string | undefined): boolean {
    const server = dateHeader ? parseHttpDate(dateHeader) : undefined;
    if (!server) return false;
    this.#offsetMs = server.getTime() - this.#base();
    return true;
  }
}
