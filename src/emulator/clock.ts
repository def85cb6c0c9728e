// The emulator's notion of now: an injectable base clock (tests pin it) plus the admin offset, which
// simulates a server whose clock differs from the caller's (RequestTimeTooSkewed, token expiry).

export type NowFn = () => number;

export class EmulatorClock {
  readonly #base: NowFn;
  #offsetMs = 0;

  constructor(base: NowFn = Date.now) {
    this.#base = base;
  }

  /** Milliseconds since the epoch as the emulator sees them. */
  now(): number {
    return this.#base() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.#offsetMs = offsetMs;
  }
}
