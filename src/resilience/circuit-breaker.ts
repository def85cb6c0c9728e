// One circuit breaker: closed (calls pass), open (calls are refused without reaching OSS), half-open (one
// probe call is let through; its outcome closes the circuit or opens it again for a longer cool-down).
// Time comes from an injectable clock, so tests move it instead of waiting.
import type { HealthVerdict } from '../oss/index.ts';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** The oss_circuit_state gauge's value for each state. */
export const CIRCUIT_STATE_VALUE: Readonly<Record<CircuitState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

export interface CircuitBreakerOptions {
  /** Consecutive unhealthy calls that open the circuit. Default 5. */
  failureThreshold?: number | undefined;
  /** First open period. Default 5 s. */
  cooldownMs?: number | undefined;
  /** Each failed probe doubles the open period up to this. Default 30 s. */
  maxCooldownMs?: number | undefined;
  /** Epoch milliseconds. Default Date.now. */
  now?: (() => number) | undefined;
}

export type Admission = { admitted: true; probe: boolean } | { admitted: false; retryAfterMs: number };

// The longest cool-down is also how late, at worst, the service notices OSS is back after a long outage.
export const DEFAULT_BREAKER = { failureThreshold: 5, cooldownMs: 5_000, maxCooldownMs: 30_000 } as const;

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #baseCooldownMs: number;
  readonly #maxCooldownMs: number;
  readonly #now: () => number;
  readonly #onChange: (state: CircuitState) => void;
  #state: CircuitState = 'closed';
  #failures = 0;
  #cooldownMs: number;
  #openUntil = 0;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}, onChange: (state: CircuitState) => void = () => {}) {
    this.#threshold = options.failureThreshold ?? DEFAULT_BREAKER.failureThreshold;
    this.#baseCooldownMs = options.cooldownMs ?? DEFAULT_BREAKER.cooldownMs;
    this.#maxCooldownMs = Math.max(
      options.maxCooldownMs ?? DEFAULT_BREAKER.maxCooldownMs,
      this.#baseCooldownMs,
    );
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1)
      throw new RangeError('failureThreshold must be an integer >= 1');
    if (!(this.#baseCooldownMs > 0)) throw new RangeError('cooldownMs must be > 0');
    this.#now = options.now ?? Date.now;
    this.#onChange = onChange;
    this.#cooldownMs = this.#baseCooldownMs;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Whether a call may go to OSS now; a probe's outcome decides the half-open circuit. */
  admit(): Admission {
    if (this.#state === 'closed') return { admitted: true, probe: false };
    const now = this.#now();
    if (this.#state === 'open') {
      if (now < this.#openUntil) return { admitted: false, retryAfterMs: this.#openUntil - now };
      this.#set('half-open');
    }
    // Half-open: one probe at a time; everyone else waits for its verdict.
    if (this.#probing) return { admitted: false, retryAfterMs: this.#baseCooldownMs };
    this.#probing = true;
    return { admitted: true, probe: true };
  }

  /** The outcome of an admitted call. Calls admitted before the circuit opened no longer count. */
  record(verdict: HealthVerdict, probe: boolean): void {
    if (probe) {
      this.#probing = false;
      if (verdict === 'healthy') this.#close();
      else if (verdict === 'unhealthy') this.#open(Math.min(this.#cooldownMs * 2, this.#maxCooldownMs));
      return;
    }
    if (this.#state !== 'closed' || verdict === 'neutral') return;
    if (verdict === 'healthy') {
      this.#failures = 0;
      return;
    }
    this.#failures++;
    if (this.#failures >= this.#threshold) this.#open(this.#baseCooldownMs);
  }

  #open(cooldownMs: number): void {
    this.#cooldownMs = cooldownMs;
    this.#openUntil = this.#now() + cooldownMs;
    this.#set('open');
  }

  #close(): void {
    this.#failures = 0;
    this.#cooldownMs = this.#baseCooldownMs;
    this.#set('closed');
  }

  #set(state: CircuitState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#onChange(state);
  }
}
