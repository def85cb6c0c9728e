import { afterEach, describe, expect, it } from 'vitest';
import { OssClient, type OssClientOptions } from '../../src/oss/client.ts';
import {
  OssAbortedError,
  OssBadErrorResponseError,
  OssNetworkError,
  OssServiceError,
} from '../../src/oss/errors.ts';
import { listCname, putCname } from '../../src/oss/index.ts';
import { backoffMs, retryPolicy } from '../../src/oss/retry.ts';
import { parseIsoBasic } from '../../src/oss/signer/index.ts';
import type { OssAttemptEvent } from '../../src/oss/types.ts';
import { type Handler, ossErrorXml, sendXml, startServer, type TestServer } from './helpers/http-server.ts';

const LIST_OK =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ListCnameResult><Bucket>examplebucket</Bucket><Owner>1</Owner></ListCnameResult>';
const SECRET = 'sk-very-secret-value';

let server: TestServer | undefined;
let client: OssClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

interface Harness {
  server: TestServer;
  client: OssClient;
  sleeps: number[];
  events: OssAttemptEvent[];
}

/** A real server answering from a script of handlers (the last one repeats), and a client aimed at it. */
async function setup(script: Handler[], options: Partial<OssClientOptions> = {}): Promise<Harness> {
  let calls = 0;
  server = await startServer((req, res) => {
    const handler = script[Math.min(calls++, script.length - 1)];
    return handler?.(req, res);
  });
  const sleeps: number[] = [];
  const events: OssAttemptEvent[] = [];
  client = new OssClient({
    region: 'cn-hangzhou',
    endpoint: server.origin,
    credentials: { accessKeyId: 'ak', accessKeySecret: SECRET },
    observer: { onAttempt: (e) => events.push(e) },
    ...options,
    retry: {
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options.retry,
    },
  });
  return { server, client, sleeps, events };
}

const ok: Handler = (_req, res) => sendXml(res, 200, LIST_OK);
const status =
  (code: number, errorCode: string): Handler =>
  (_req, res) =>
    sendXml(res, code, ossErrorXml(errorCode, 'simulated'));

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

describe('retry safety of a forced certificate overwrite', () => {
  const forced = {
    bucket: 'examplebucket',
    domain: 'example.com',
    certificate: { certId: '493-cn-hangzhou', force: true },
  };
  const empty: Handler = (_req, res) => {
    res.writeHead(200, { 'x-oss-request-id': 'R' });
    res.end();
  };

  it('is not repeated after an ambiguous 5xx', async () => {
    const h = await setup([status(503, 'ServiceUnavailable'), empty]);
    await expect(h.client.invoke(putCname, forced)).rejects.toMatchObject({ status: 503 });
    expect(h.server.requests).toHaveLength(1);
    expect(h.events[0]?.willRetry).toBe(false);
  });

  it('is repeated after a 4xx refusal (OSS did not apply it)', async () => {
    const h = await setup([status(429, 'Throttling'), empty]);
    await h.client.invoke(putCname, forced);
    expect(h.server.requests).toHaveLength(2);
  });

  it('is repeated when the connection was refused (never sent)', async () => {
    const h = await setup([empty]);
    const closedPort = h.server.port;
    await h.server.close();
    server = undefined;
    const events: OssAttemptEvent[] = [];
    const observed = new OssClient({
      region: 'cn-hangzhou',
      endpoint: `http://127.0.0.1:${closedPort}`,
      credentials: { accessKeyId: 'ak', accessKeySecret: SECRET },
      retry: { sleep: async () => {} },
      observer: { onAttempt: (e) => events.push(e) },
    });
    try {
      const err = await observed.invoke(putCname, forced).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OssNetworkError);
      expect((err as OssNetworkError).requestSent).toBe(false);
      expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
    } finally {
      await observed.close();
    }
  });

  it('a PreviousCertId rotation (no Force) is repeated after a 5xx: the precondition protects it', async () => {
    const h = await setup([status(503, 'ServiceUnavailable'), empty]);
    await h.client.invoke(putCname, {
      ...forced,
      certificate: { certId: '2-cn-hangzhou', previousCertId: '1-cn-hangzhou' },
    });
    expect(h.server.requests).toHaveLength(2);
  });
});

describe('clock-skew correction', () => {
  const SERVER_NOW = Date.parse('2024-06-01T12:00:00Z');
  const skewChecking: Handler = (req, res) => {
    const signed = parseIsoBasic(req.headers['x-oss-date'] ?? '')?.getTime() ?? 0;
    if (Math.abs(signed - SERVER_NOW) > 15 * 60_000) {
      sendXml(
        res,
        403,
        ossErrorXml(
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
        ),
        {
          Date: new Date(SERVER_NOW).toUTCString(),
        },
      );
      return;
    }
    sendXml(res, 200, LIST_OK);
  };

  it('learns the offset from the Date header and signs later requests with it', async () => {
    const local = SERVER_NOW - 3 * 3600_000; // our clock is 3 h behind
    const h = await setup([skewChecking], { clock: () => local });
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(2);
    expect(h.client.clockOffsetMs).toBe(3 * 3600_000);
    expect(h.server.requests[1]?.headers['x-oss-date']).toBe('20240601T120000Z');
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(3); // no further skew error
  });
});

describe('redirects', () => {
  it('are not followed: a 301 is an error and the target sees nothing', async () => {
    const target = await startServer((_req, res) => sendXml(res, 200, LIST_OK));
    try {
      const h = await setup([
        (_req, res) =>
          sendXml(
            res,
            301,
            ossErrorXml(
              'PermanentRedirect',
              'The bucket you are attempting to access must be addressed using the specified endpoint.',
              {
                Endpoint: 'oss-cn-shanghai.aliyuncs.com',
              },
            ),
            { Location: `${target.origin}/examplebucket/?cname=` },
          ),
      ]);
      const err = await h.client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OssServiceError);
      expect(err).toMatchObject({
        status: 301,
        code: 'PermanentRedirect',
        fields: { Endpoint: 'oss-cn-shanghai.aliyuncs.com' },
      });
      expect(h.server.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });
});
