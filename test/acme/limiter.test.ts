import { describe, expect, it } from 'vitest';
import {
  AcmeError,
  challengeCname,
  challengeLabel,
  OrderLimiter,
  registeredDomain,
} from '../../src/acme/index.ts';

const HOUR = 3_600_000;

function limiterAt(start = 0) {
  const clock = { now: start };
  return { clock, limiter: new OrderLimiter({ now: () => clock.now }) };
}

function refusal(run: () => void): AcmeError {
  try {
    run();
  } catch (error) {
    if (error instanceof AcmeError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("the order limiter (Let's Encrypt's limits)", () => {
  it('allows 50 certificates per registered domain per week, then says when the next fits', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 50; i++) {
      clock.now = i * 60_000;
      limiter.reserve([`d${i}.example.com`]);
    }
    const error = refusal(() => limiter.reserve(['another.example.com']));
    expect(error.code).toBe('acme-rate-limited');
    expect(error.detail).toContain('certificates under example.com');
    // The first of the 50 leaves the window a week after it was placed.
    expect(error.retryAfterSeconds).toBe((7 * 24 * HOUR - 49 * 60_000) / 1000);
    limiter.reserve(['other.example.org']);
    clock.now = 7 * 24 * HOUR + 1;
    limiter.reserve(['another.example.com']);
  });

  it('allows 5 certificates for the same set of names per week', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.reserve(['b.example.com', 'a.example.com']);
    expect(refusal(() => limiter.reserve(['a.example.com', 'b.example.com'])).detail).toContain(
      'exactly these names',
    );
  });

  it('stops ordering for a name after 5 failed validations within an hour', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure('bad.example.com');
    expect(refusal(() => limiter.reserve(['bad.example.com'])).detail).toContain('failed validations');
    clock.now = HOUR + 1;
    limiter.reserve(['bad.example.com']);
  });

  it('survives a restart through its JSON snapshot', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.reserve(['same.example.com']);
    const restored = new OrderLimiter({
      now: () => clock.now,
      snapshot: JSON.parse(JSON.stringify(limiter.snapshot())),
    });
    expect(refusal(() => restored.reserve(['same.example.com'])).code).toBe('acme-rate-limited');
  });

  it('counts under the registered domain, two-label public suffixes included', () => {
    expect(registeredDomain('img.cdn.example.com')).toBe('example.com');
    expect(registeredDomain('img.example.com.cn')).toBe('example.com.cn');
    expect(registeredDomain('*.shop.example.co.uk')).toBe('example.co.uk');
  });
});

describe('challenge labels', () => {
  it("are stable per domain and secret, differ between domains, and share a wildcard's base", () => {
    const a = challengeLabel('img.example.com', 's1');
    expect(challengeLabel('IMG.example.com.', 's1')).toBe(a);
    expect(challengeLabel('*.img.example.com', 's1')).toBe(a);
    expect(challengeLabel('img.example.com', 's2')).not.toBe(a);
    expect(challengeLabel('www.example.com', 's1')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(challengeCname('img.example.com', 's1', 'acme.example.net')).toEqual({
      type: 'CNAME',
      name: '_acme-challenge.img.example.com',
      value: `${a}.acme.example.net`,
    });
  });
});
