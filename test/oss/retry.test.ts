// Which answers the client retries, how long it waits between attempts, and when it stops.
import { afterEach, describe, expect, it } from 'vitest';
import { OssAbortedError, OssBadErrorResponseError, OssServiceError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/index.ts';
import { backoffMs, retryPolicy } from '../../src/oss/retry.ts';
import { ossErrorXml, sendXml } from './helpers/http-server.ts';
import { closeHarness, ok, SECRET, setup, status } from './helpers/retry-harness.ts';

afterEach(closeHarness);

describe('backoff', () => {
  it('is full jitter: random x min(base x 2^attempt, max)', () => {
    const policy = retryPolicy({ random: () => 0.5 });
    expect([1, 2, 3].map((a) => backoffMs(policy, a))).toEqual([200, 400, 800]);
    expect(backoffMs(retryPolicy({ random: () => 0.999, maxDelayMs: 1000 }), 10)).toBeCloseTo(999);
    expect(backoffMs(retryPolicy({ random: () => 0 }), 5)).toBe(0);
  });
});

describe('retries against a real server', () => {
  it('retries 5xx and succeeds, re-signing each attempt and reporting each attempt', async () => {
    let t = Date.parse('2024-01-01T00:00:00Z');
    const h = await setup([status(503, 'ServiceUnavailable'), status(500, 'InternalError'), ok], {
      clock: () => (t += 1000),
    });
    const out = await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(out.bucket).toBe('examplebucket');
    expect(h.server.requests).toHaveLength(3);
    expect(h.sleeps).toEqual([200, 400]);
    const dates = h.server.requests.map((r) => r.headers['x-oss-date']);
    expect(new Set(dates).size).toBe(3);
    expect(new Set(h.server.requests.map((r) => r.headers.authorization)).size).toBe(3);
    expect(h.events.map((e) => [e.attempt, e.status, e.code, e.willRetry])).toEqual([
      [1, 503, 'ServiceUnavailable', true],
      [2, 500, 'InternalError', true],
      [3, 200, undefined, false],
    ]);
  });

  it.each([
    [429, 'Throttling'],
    [408, 'RequestTimeout'],
    [401, 'Unauthorized'],
    [400, 'BadRequest'],
  ])('retries %i %s', async (code, errorCode) => {
    const h = await setup([status(code, errorCode), ok]);
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(2);
  });

  it('does not retry other 4xx and reports the service error in full', async () => {
    const h = await setup([
      (_req, res) =>
        sendXml(
          res,
          403,
          ossErrorXml('SignatureDoesNotMatch', 'The request signature we calculated does not match', {
            StringToSign: 'OSS4-HMAC-SHA256\n20240101T000000Z',
            EC: '0002-00000201',
          }),
        ),
    ]);
    const err = await h.client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(h.server.requests).toHaveLength(1);
    expect(err).toBeInstanceOf(OssServiceError);
    expect(err).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
      ec: '0002-00000201',
      requestId: '5C1B138A109F4E405B2D0001',
      operation: 'ListCname',
      fields: { StringToSign: 'OSS4-HMAC-SHA256\n20240101T000000Z' },
    });
    // No secret and no Authorization value anywhere in the error.
    const dump = JSON.stringify({
      ...(err as object),
      message: (err as Error).message,
      stack: (err as Error).stack,
    });
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(h.server.requests[0]?.headers.authorization ?? 'x');
  });

  it('a non-XML error body becomes BadErrorResponse with status and a snippet, retried as a 5xx', async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(5000)}</body></html>`;
    const h = await setup([
      (_req, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html', 'x-oss-request-id': 'REQ502' });
        res.end(html);
      },
    ]);
    const err = await h.client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(h.server.requests).toHaveLength(3);
    expect(err).toBeInstanceOf(OssBadErrorResponseError);
    const bad = err as OssBadErrorResponseError;
    expect(bad).toMatchObject({ code: 'BadErrorResponse', status: 502, requestId: 'REQ502' });
    expect(bad.bodySnippet.startsWith('<html><body><h1>502 Bad Gateway')).toBe(true);
    expect(bad.bodySnippet.length).toBeLessThanOrEqual(256);
  });

  it('retries a dropped connection', async () => {
    const h = await setup([(req, res) => res.socket?.destroy() ?? req, ok]);
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(2);
    expect(h.events[0]?.code).toBe('NetworkError');
  });

  it('per-call maxAttempts overrides the client setting', async () => {
    const h = await setup([status(503, 'ServiceUnavailable'), ok]);
    const err = await h.client
      .invoke(listCname, { bucket: 'examplebucket' }, { maxAttempts: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssServiceError);
    expect(h.server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts', async () => {
    const h = await setup([status(503, 'ServiceUnavailable')], { retry: { maxAttempts: 4 } });
    await expect(h.client.invoke(listCname, { bucket: 'examplebucket' })).rejects.toMatchObject({
      status: 503,
    });
    expect(h.server.requests).toHaveLength(4);
    expect(h.sleeps).toEqual([200, 400, 800]);
  });

  it('aborting while waiting between attempts stops the call', async () => {
    const controller = new AbortController();
    const h = await setup([status(503, 'ServiceUnavailable')], {
      retry: {
        sleep: async (_ms, signal) => {
          controller.abort();
          signal?.throwIfAborted();
        },
      },
    });
    const err = await h.client
      .invoke(listCname, { bucket: 'examplebucket' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssAbortedError);
    expect(h.server.requests).toHaveLength(1);
  });
});
