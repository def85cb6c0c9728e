// Counts our own orders against the CA's limits before asking, so a burst of new domains waits here with
// a known Retry-After instead of burning the CA's limit (Let's Encrypt's, shared §2.3, by default).
// Sliding windows of timestamps; snapshot()/restore() carry them through a restart as plain JSON.

import { days, HOUR_MS, hours } from '../time/durations.ts';
import { AcmeError } from './errors.ts';
import { registeredDomain } from './registered-domain.ts';

export interface OrderLimits {
  /** New certificates per registered domain (LE: 50 per 7 days). */
  perRegisteredDomain: { max: number; windowMs: number };
  /** New orders per account (LE: 300 per 3 hours). */
  perAccount: { max: number; windowMs: number };
  /** Certificates for the exact same set of names (LE: 5 per 7 days). */
  perNameSet: { max: number; windowMs: number };
  /** Failed authorizations per name (LE: 5 per hour). */
  failedPerName: { max: number; windowMs: number };
}

const WEEK = days(7);

export const LETS_ENCRYPT_LIMITS: OrderLimits = {
  perRegisteredDomain: { max: 50, windowMs: WEEK },
  perAccount: { max: 300, windowMs: hours(3) },
  perNameSet: { max: 5, windowMs: WEEK },
  failedPerName: { max: 5, windowMs: HOUR_MS },
};

export type LimiterSnapshot = Record<string, number[]>;

export class OrderLimiter {
  readonly #limits: OrderLimits;
  readonly #now: () => number;
  readonly #events = new Map<string, number[]>();

  constructor(opts: { limits?: OrderLimits; now?: () => number; snapshot?: LimiterSnapshot } = {}) {
    this.#limits = opts.limits ?? LETS_ENCRYPT_LIMITS;
    this.#now = opts.now ?? Date.now;
    for (const [key, times] of Object.entries(opts.snapshot ?? {})) this.#events.set(key, [...times]);
  }

  /** Counts one new order for these names, or throws acme-rate-limited saying when one fits. */
  reserve(domains: string[]): void {
    const now = this.#now();
    const names = domains.map((d) => d.toLowerCase());
    const checks: Array<[string, { max: number; windowMs: number }, string]> = [
      ['account', this.#limits.perAccount, 'new orders for this ACME account'],
      [
        `set:${[...new Set(names)].sort().join(',')}`,
        this.#limits.perNameSet,
        'certificates for exactly these names',
      ],
      ...[...new Set(names.map(registeredDomain))].map(
        (rd): [string, { max: number; windowMs: number }, string] => [
          `domain:${rd}`,
          this.#limits.perRegisteredDomain,
          `certificates under ${rd}`,
        ],
      ),
      ...names.map((n): [string, { max: number; windowMs: number }, string] => [
        `failed:${n}`,
        this.#limits.failedPerName,
        `failed validations of ${n}`,
      ]),
    ];
    for (const [key, limit, what] of checks) {
      const times = this.#recent(key, limit.windowMs, now);
      if (times.length >= limit.max) {
        const retryAfter = Math.ceil(((times[0] as number) + limit.windowMs - now) / 1000);
        throw new AcmeError(
          'acme-rate-limited',
          `${limit.max} ${what} within ${Math.round(limit.windowMs / 60_000)} minutes is the CA's limit; the next order fits in ${retryAfter} s.`,
          { retryAfterSeconds: Math.max(1, retryAfter) },
        );
      }
    }
    for (const [key] of checks) if (!key.startsWith('failed:')) this.#push(key, now);
  }

  /** Counts a failed validation of name (it blocks new orders for that name once at the limit). */
  recordFailure(name: string): void {
    this.#push(`failed:${name.toLowerCase()}`, this.#now());
  }

  snapshot(): LimiterSnapshot {
    return Object.fromEntries([...this.#events].map(([k, v]) => [k, [...v]]));
  }

  #recent(key: string, windowMs: number, now: number): number[] {
    const times = (this.#events.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) this.#events.delete(key);
    else this.#events.set(key, times);
    return times;
  }

  #push(key: string, now: number): void {
    const times = this.#events.get(key) ?? [];
    times.push(now);
    this.#events.set(key, times);
  }
}
