// How CA answers become our problems. The documents are the shapes RFC 8555 §6.7 defines and Let's
// Encrypt sends; Pebble never rate-limits or checks CAA, so those cannot come from it.
import { describe, expect, it } from 'vitest';
import { fromAcmeProblem, fromChallengeError } from '../../src/acme/errors.ts';
import { AcmeError, AcmeProblem, parseRenewalInfo } from '../../src/acme/index.ts';
import { parseRetryAfter } from '../../src/acme/problem.ts';

const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  AcmeProblem.fromResponse(status, headers, body) as AcmeProblem;

describe('ACME problems mapped to our codes', () => {
  it("rateLimited → acme-rate-limited, 429, with the CA's Retry-After", () => {
    const error = fromAcmeProblem(
      problem(
        429,
        {
          type: 'urn:ietf:params:acme:error:rateLimited',
          detail: 'too many certificates (50) already issued for "example.com" in the last 168h0m0s',
        },
        { 'retry-after': '7200' },
      ),
    );
    expect(error).toBeInstanceOf(AcmeError);
    expect(error).toMatchObject({
      code: 'acme-rate-limited',
      status: 429,
      retryable: true,
      retryAfterSeconds: 7200,
    });
    expect(error.headers).toEqual({ 'retry-after': '7200' });
    expect(error.detail).toContain('too many certificates (50)');
    expect(error.extensions).toMatchObject({ acmeType: 'rateLimited', retryAfterSeconds: 7200 });
  });

  it('a rate limit without Retry-After waits an hour rather than hammering', () => {
    const error = fromAcmeProblem(
      problem(429, { type: 'urn:ietf:params:acme:error:rateLimited', detail: 'x' }),
    );
    expect(error.retryAfterSeconds).toBe(3600);
  });

  it("caa → acme-caa-forbidden with the CA's detail and what to change", () => {
    const caa = problem(403, {
      type: 'urn:ietf:params:acme:error:caa',
      detail: 'CAA record for img.example.com prevents issuance',
    });
    for (const error of [fromAcmeProblem(caa), fromChallengeError(caa, 'img.example.com')]) {
      expect(error).toMatchObject({ code: 'acme-caa-forbidden', retryable: false });
      expect(error.detail).toContain('CAA record for img.example.com prevents issuance');
      expect(error.detail).toMatch(/Add a CAA record/);
    }
  });

  it('a TXT the CA could not find → acme-challenge-not-visible; any other refusal → acme-challenge-failed', () => {
    const unseen = fromChallengeError(
      AcmeProblem.fromDocument({
        type: 'urn:ietf:params:acme:error:unauthorized',
        detail: 'No TXT record found at _acme-challenge.img.example.com',
      }),
      'img.example.com',
    );
    expect(unseen).toMatchObject({ code: 'acme-challenge-not-visible', retryable: true });
    expect(unseen.extensions.caDetail).toBe('No TXT record found at _acme-challenge.img.example.com');
    const refused = fromChallengeError(
      AcmeProblem.fromDocument({
        type: 'urn:ietf:params:acme:error:rejectedIdentifier',
        detail: 'policy forbids',
      }),
      'img.example.com',
    );
    expect(refused).toMatchObject({ code: 'acme-challenge-failed', retryable: false, status: 422 });
  });

  it('server errors and unreachable CAs → acme-unavailable (retryable); other refusals → acme-order-failed', () => {
    expect(
      fromAcmeProblem(problem(503, { type: 'urn:ietf:params:acme:error:serverInternal', detail: 'busy' })),
    ).toMatchObject({ code: 'acme-unavailable', retryable: true, status: 503 });
    expect(fromAcmeProblem(AcmeProblem.fromNetworkError(new Error('connect ECONNREFUSED')))).toMatchObject({
      code: 'acme-unavailable',
    });
    expect(
      fromAcmeProblem(problem(400, { type: 'urn:ietf:params:acme:error:badCSR', detail: 'key too small' })),
    ).toMatchObject({ code: 'acme-order-failed', retryable: false, status: 502 });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:10:00 GMT', now)).toBe(600);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('ARI answers (RFC 9773 §4.2)', () => {
  it('reads the suggested window, the explanation and when to ask again', () => {
    const body = {
      suggestedWindow: { start: '2026-03-01T00:00:00Z', end: '2026-03-03T00:00:00Z' },
      explanationURL: 'https://ca.test/why',
    };
    expect(parseRenewalInfo(body, '21600')).toEqual({
      window: body.suggestedWindow,
      explanationUrl: 'https://ca.test/why',
      nextCheckSeconds: 21600,
    });
    expect(parseRenewalInfo({ suggestedWindow: body.suggestedWindow }, undefined)?.nextCheckSeconds).toBe(
      21600,
    );
  });

  it('ignores a window that is missing, unreadable or ends before it starts', () => {
    expect(parseRenewalInfo({}, undefined)).toBeUndefined();
    expect(parseRenewalInfo({ suggestedWindow: { start: 'soon', end: 'later' } }, undefined)).toBeUndefined();
    const backwards = { suggestedWindow: { start: '2026-03-03T00:00:00Z', end: '2026-03-01T00:00:00Z' } };
    expect(parseRenewalInfo(backwards, undefined)).toBeUndefined();
  });
});
