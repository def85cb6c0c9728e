// Signatures checked by the npm `standardwebhooks` package, an implementation independent of ours.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  envelopeBody,
  generateSecret,
  ROTATION_OVERLAP_MS,
  rotateSecret,
  secretKey,
  signedHeaders,
  signingSecrets,
  verify,
  WebhookEnvelope,
} from '../../src/webhooks/index.ts';

const body = envelopeBody('domain.ready', new Date('2026-01-01T00:00:00Z'), {
  domain: 'shop.example.com',
  ready: true,
});

describe('Standard Webhooks signing', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(secretKey(a)).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
    expect(() => secretKey('nope')).toThrow();
    expect(() => secretKey(`whsec_${Buffer.alloc(8).toString('base64')}`)).toThrow();
  });

  it('signs so that the standardwebhooks package verifies and returns the envelope', () => {
    const secret = generateSecret();
    const headers = signedHeaders([secret], 'msg_1', new Date(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(secret).verify(body, { ...headers });
    expect(WebhookEnvelope.parse(payload)).toEqual({
      type: 'domain.ready',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { domain: 'shop.example.com', ready: true },
    });
    expect(verify(secret, headers, body)).toBe(true);
  });

  it('computes the same signature as the package for the same id, time and body', () => {
    const secret = generateSecret();
    const at = new Date('2026-03-04T05:06:07Z');
    expect(signedHeaders([secret], 'msg_2', at, body)['webhook-signature']).toBe(
      new Webhook(secret).sign('msg_2', at, body),
    );
  });

  it('fails verification for another secret, a changed body or an old timestamp', () => {
    const secret = generateSecret();
    const headers = signedHeaders([secret], 'msg_3', new Date(), body);
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
    const old = signedHeaders([secret], 'msg_3', new Date(Date.now() - 10 * 60_000), body);
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow();
    expect(verify(generateSecret(), headers, body)).toBe(false);
  });

  it('signs with old and new secrets for 24 hours after a rotation, then with the new one only', () => {
    const now = new Date();
    const first = { secret: generateSecret(), previousSecret: null, previousExpiresAt: null };
    const rotated = rotateSecret(first, now);
    expect(rotated.previousSecret).toBe(first.secret);
    const during = signingSecrets(rotated, new Date(now.getTime() + ROTATION_OVERLAP_MS - 1));
    expect(during).toEqual([rotated.secret, first.secret]);
    const headers = signedHeaders(during, 'msg_4', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(first.secret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(body, { ...headers })).not.toThrow();
    expect(signingSecrets(rotated, new Date(now.getTime() + ROTATION_OVERLAP_MS))).toEqual([rotated.secret]);
  });
});
