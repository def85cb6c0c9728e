// The breaker's state machine under an injected clock: opens after N consecutive unhealthy calls, refuses
// while open with the time left, lets one probe through after the cool-down, closes on a healthy probe and
// re-opens for twice as long on a failed one. Caller errors never open it.
import { describe, expect, it } from 'vitest';
import { healthVerdict } from '../../src/oss/index.ts';
import { CircuitBreaker, type CircuitState } from '../../src/resilience/circuit-breaker.ts';
import { HEALTHY_ANSWERS, NEUTRAL, UNHEALTHY } from './helpers/oss-failures.ts';

function breaker(options: { failureThreshold?: number; cooldownMs?: number; maxCooldownMs?: number } = {}) {
  let now = 1_000_000;
  const changes: CircuitState[] = [];
  const b = new CircuitBreaker(
    { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 3_000, ...options, now: () => now },
    (s) => changes.push(s),
  );
  return { b, changes, advance: (ms: number) => (now += ms) };
}

function fail(b: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i++) {
    const a = b.admit();
    if (!a.admitted) throw new Error('refused');
    b.record('unhealthy', a.probe);
  }
}

describe('healthVerdict', () => {
  it.each(UNHEALTHY)('%s counts against OSS', (_name, make) => {
    expect(healthVerdict(make())).toBe('unhealthy');
  });
  it.each(HEALTHY_ANSWERS)('%s proves OSS answers', (_name, make) => {
    expect(healthVerdict(make())).toBe('healthy');
  });
  it.each(NEUTRAL)('%s says nothing about OSS', (_name, make) => {
    expect(healthVerdict(make())).toBe('neutral');
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive unhealthy calls, not before', () => {
    const { b, changes } = breaker();
    fail(b, 2);
    expect(b.state).toBe('closed');
    fail(b, 1);
    expect(b.state).toBe('open');
    expect(changes).toEqual(['open']);
  });

  it('a healthy answer (a caller error included) resets the count', () => {
    const { b } = breaker();
    fail(b, 2);
    b.record('healthy', false);
    fail(b, 2);
    expect(b.state).toBe('closed');
  });

  it('neutral outcomes neither count nor reset', () => {
    const { b } = breaker();
    fail(b, 2);
    for (let i = 0; i < 10; i++) b.record('neutral', false);
    expect(b.state).toBe('closed');
    fail(b, 1);
    expect(b.state).toBe('open');
  });

  it('refuses while open, with the time left until the probe', () => {
    const { b, advance } = breaker();
    fail(b, 3);
    expect(b.admit()).toEqual({ admitted: false, retryAfterMs: 1_000 });
    advance(400);
    expect(b.admit()).toEqual({ admitted: false, retryAfterMs: 600 });
  });

  it('after the cool-down lets exactly one probe through; a healthy probe closes it', () => {
    const { b, changes, advance } = breaker();
    fail(b, 3);
    advance(1_000);
    const probe = b.admit();
    expect(probe).toEqual({ admitted: true, probe: true });
    expect(b.state).toBe('half-open');
    expect(b.admit()).toMatchObject({ admitted: false });
    b.record('healthy', true);
    expect(b.state).toBe('closed');
    expect(b.admit()).toEqual({ admitted: true, probe: false });
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe re-opens for twice as long, capped', () => {
    const { b, advance } = breaker();
    fail(b, 3);
    for (const expected of [2_000, 3_000, 3_000]) {
      advance(10_000);
      const probe = b.admit();
      expect(probe).toEqual({ admitted: true, probe: true });
      b.record('unhealthy', true);
      expect(b.state).toBe('open');
      expect(b.admit()).toEqual({ admitted: false, retryAfterMs: expected });
    }
  });

  it('a neutral probe frees the slot for the next probe without deciding', () => {
    const { b, advance } = breaker();
    fail(b, 3);
    advance(1_000);
    b.record('neutral', (b.admit() as { probe: boolean }).probe);
    expect(b.state).toBe('half-open');
    expect(b.admit()).toEqual({ admitted: true, probe: true });
  });

  it('after closing, the cool-down starts again from the base', () => {
    const { b, advance } = breaker();
    fail(b, 3);
    advance(1_000);
    b.record('unhealthy', true); // open for 2 s now
    advance(2_000);
    b.record('healthy', true);
    fail(b, 3);
    expect(b.admit()).toEqual({ admitted: false, retryAfterMs: 1_000 });
  });

  it('outcomes of calls admitted before it opened do not decide anything', () => {
    const { b, advance } = breaker();
    fail(b, 3);
    b.record('healthy', false);
    expect(b.state).toBe('open');
    advance(1_000);
    b.admit();
    b.record('healthy', false);
    expect(b.state).toBe('half-open');
  });

  it('refuses nonsense settings', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ cooldownMs: 0 })).toThrow(RangeError);
  });
});
