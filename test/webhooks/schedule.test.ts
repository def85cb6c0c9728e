import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  checkWebhookUrl,
  classifyStatus,
  isForbiddenAddress,
  MAX_RETRY_AFTER_MS,
  nextAttemptAt,
  parseRetryAfter,
  RETRY_DELAYS_MS,
} from '../../src/webhooks/index.ts';

const T = new Date('2026-01-01T00:00:00Z');
const plus = (ms: number) => new Date(T.getTime() + ms);

describe('delivery retry schedule', () => {
  it('follows the spec: now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up', () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([
      0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]);
    expect(nextAttemptAt(1, T)).toEqual(plus(5_000));
    expect(nextAttemptAt(9, T)).toEqual(plus(86_400_000));
    expect(nextAttemptAt(10, T)).toBeNull();
  });

  it('honours Retry-After when it asks for longer, within a day', () => {
    expect(nextAttemptAt(1, T, 60_000)).toEqual(plus(60_000));
    expect(nextAttemptAt(2, T, 60_000)).toEqual(plus(300_000));
    expect(nextAttemptAt(1, T, 10 * MAX_RETRY_AFTER_MS)).toEqual(plus(MAX_RETRY_AFTER_MS));
  });

  it('says where a delivery stands after each attempt', () => {
    expect(afterAttempt(1, { verdict: 'delivered', retryAfterMs: null }, T)).toEqual({
      state: 'delivered',
      nextAttemptAt: null,
    });
    expect(afterAttempt(1, { verdict: 'disable', retryAfterMs: null }, T)).toEqual({
      state: 'disabled',
      nextAttemptAt: null,
    });
    expect(afterAttempt(3, { verdict: 'retry', retryAfterMs: null }, T)).toEqual({
      state: 'pending',
      nextAttemptAt: plus(1_800_000),
    });
    expect(afterAttempt(10, { verdict: 'retry', retryAfterMs: null }, T)).toEqual({
      state: 'failed',
      nextAttemptAt: null,
    });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', T)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:02:00 GMT', T)).toBe(120_000);
    expect(parseRetryAfter('soon', T)).toBeNull();
    expect(parseRetryAfter(undefined, T)).toBeNull();
  });
});

describe('answer classification', () => {
  it('2xx is delivered, 410 disables, everything else is retried (3xx included)', () => {
    expect([200, 202, 204, 299].map(classifyStatus)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(classifyStatus(410)).toBe('disable');
    expect([301, 302, 400, 404, 429, 500, 502, 504].map(classifyStatus).every((v) => v === 'retry')).toBe(
      true,
    );
  });
});

describe('forbidden addresses', () => {
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '[::1]',
      '224.0.0.1',
    ]) {
      expect(isForbiddenAddress(a), a).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const a of ['8.8.8.8', '47.96.0.1', '2400:3200::1', '172.32.0.1', 'example.com']) {
      expect(isForbiddenAddress(a), a).toBe(false);
    }
  });

  it('checks a subscription URL when it is saved', () => {
    expect(checkWebhookUrl('https://hooks.example.com/x', false)).toBeNull();
    expect(checkWebhookUrl('ftp://hooks.example.com/', false)?.code).toBe('invalid-webhook-url');
    expect(checkWebhookUrl('https://u:p@hooks.example.com/', false)?.code).toBe('invalid-webhook-url');
    expect(checkWebhookUrl('http://127.0.0.1:8080/', false)?.code).toBe('webhook-target-forbidden');
    expect(checkWebhookUrl('http://[::1]/', false)?.code).toBe('webhook-target-forbidden');
    expect(checkWebhookUrl('http://localhost/', false)?.code).toBe('webhook-target-forbidden');
    expect(checkWebhookUrl('http://127.0.0.1:8080/', true)).toBeNull();
  });
});
