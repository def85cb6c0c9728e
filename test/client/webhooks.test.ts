// Standard Webhooks verification with real HMACs: a published vector, rotation, tampering, replays.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '../../clients/typescript/src/index.ts';

// The example in the Standard Webhooks specification and its reference libraries.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR = { now: new Date(VECTOR.timestamp * 1000) };

function headersFor(id: string, timestamp: number, signature: string): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

function failureOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('verifyWebhook', () => {
  const vectorHeaders = headersFor(VECTOR.id, VECTOR.timestamp, VECTOR.signature);

  it("accepts the specification's example and returns the parsed payload", () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    const verified = verifyWebhook(VECTOR.secret, vectorHeaders, VECTOR.body, AT_VECTOR);
    expect(verified).toEqual({
      id: VECTOR.id,
      timestamp: new Date(VECTOR.timestamp * 1000),
      payload: { test: 2432232314 },
    });
  });

  it('reads Fetch Headers and Node header records alike, and a raw Buffer body', () => {
    const body = Buffer.from(VECTOR.body);
    expect(verifyWebhook(VECTOR.secret, new Headers(vectorHeaders), body, AT_VECTOR).id).toBe(VECTOR.id);
    const mixedCase = { 'Webhook-Id': VECTOR.id, 'WEBHOOK-TIMESTAMP': [String(VECTOR.timestamp)] };
    const record = { ...mixedCase, 'webhook-signature': VECTOR.signature };
    expect(verifyWebhook(VECTOR.secret, record, body, AT_VECTOR).id).toBe(VECTOR.id);
  });

  it('accepts any of several secrets and any of several signatures (rotation)', () => {
    const next = `whsec_${randomBytes(32).toString('base64')}`;
    const now = new Date();
    const ts = Math.floor(now.getTime() / 1000);
    const signatures = `v1,${Buffer.alloc(32).toString('base64')} ${signWebhook(next, 'msg_1', ts, '{}')}`;
    const headers = headersFor('msg_1', ts, signatures);
    expect(verifyWebhook([VECTOR.secret, next], headers, '{}', { now }).payload).toEqual({});
    expect(failureOf(() => verifyWebhook(VECTOR.secret, headers, '{}', { now }))).toBe(
      'no-matching-signature',
    );
  });

  it('refuses a changed body, id or timestamp, a wrong secret and other schemes', () => {
    const check = (secret: string, headers: Record<string, string>, body: string) =>
      failureOf(() => verifyWebhook(secret, headers, body, AT_VECTOR));
    expect(check(VECTOR.secret, vectorHeaders, '{"test": 2432232315}')).toBe('no-matching-signature');
    expect(check(VECTOR.secret, { ...vectorHeaders, 'webhook-id': 'msg_other' }, VECTOR.body)).toBe(
      'no-matching-signature',
    );
    const moved = headersFor(VECTOR.id, VECTOR.timestamp + 1, VECTOR.signature);
    expect(check(VECTOR.secret, moved, VECTOR.body)).toBe('no-matching-signature');
    const other = `whsec_${randomBytes(24).toString('base64')}`;
    expect(check(other, vectorHeaders, VECTOR.body)).toBe('no-matching-signature');
    const v2 = headersFor(VECTOR.id, VECTOR.timestamp, VECTOR.signature.replace('v1,', 'v2,'));
    expect(check(VECTOR.secret, v2, VECTOR.body)).toBe('no-matching-signature');
  });

  it('refuses missing headers and timestamps outside the tolerance', () => {
    const { 'webhook-signature': _, ...unsigned } = vectorHeaders;
    expect(failureOf(() => verifyWebhook(VECTOR.secret, unsigned, VECTOR.body, AT_VECTOR))).toBe(
      'missing-headers',
    );
    const at = (seconds: number, tolerance?: number) =>
      failureOf(() =>
        verifyWebhook(VECTOR.secret, vectorHeaders, VECTOR.body, {
          now: new Date((VECTOR.timestamp + seconds) * 1000),
          ...(tolerance === undefined ? {} : { toleranceSeconds: tolerance }),
        }),
      );
    expect(at(300)).toBeUndefined();
    expect(at(301)).toBe('timestamp-too-old');
    expect(at(-301)).toBe('timestamp-too-new');
    expect(at(60, 30)).toBe('timestamp-too-old');
    const garbled = { ...vectorHeaders, 'webhook-timestamp': '16142x' };
    expect(failureOf(() => verifyWebhook(VECTOR.secret, garbled, VECTOR.body, AT_VECTOR))).toBe(
      'invalid-timestamp',
    );
  });

  it('refuses an empty secret outright', () => {
    expect(() => verifyWebhook('whsec_', vectorHeaders, VECTOR.body, AT_VECTOR)).toThrow(TypeError);
  });
});
