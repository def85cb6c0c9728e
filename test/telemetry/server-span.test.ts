// The request's server span: its attributes are built without the generic sanitizer (their keys are
// fixed), so the caller's free text in them, the path and the user agent, must still be scrubbed; its
// hooks are callback hooks, so an error's problem code and a caller hanging up must still reach it.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../../src/auth/api-key.ts';
import type { Telemetry } from '../../src/telemetry/index.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import type { OtlpReceiver } from './helpers/otlp-receiver.ts';
import { startTracing } from './helpers/tracing.ts';

const key = testKey('reader');
let receiver: OtlpReceiver;
let telemetry: Telemetry;
let t: TestApp;
/** While set, every OSS call waits for it: a request held inside its handler. */
let held: { released: Promise<void>; release: () => void; reached: () => boolean } | undefined;

beforeAll(async () => {
  ({ receiver, telemetry } = await startTracing());
  // No listing cache: every list reaches OSS, where a test can hold it.
  t = await startApp({
    keys: [key],
    env: { CNAME_CACHE_MS: '0' },
    wrap: (oss) => ({
      async invoke(op, input, opts) {
        const gate = held;
        if (gate) {
          gate.reached();
          await gate.released;
        }
        return oss.invoke(op, input, opts);
      },
      close: () => oss.close(),
    }),
  });
});
afterAll(async () => {
  await t.app.close();
  await telemetry.shutdown();
  await receiver.close();
});

/** The request's server span; flushes on every poll, since the span may end after the answer (a hang-up). */
function spanOf(requestId: string) {
  return receiver.waitFor(() => {
    void telemetry.forceFlush();
    return receiver.spans.find((s) => s.kind === 2 && s.attributes['app.request_id'] === requestId);
  }, `the server span of ${requestId}`);
}

describe('the server span', () => {
  it("carries the route's attributes", async () => {
    const response = await t.app.inject({
      url: '/buckets/web-site/cnames?limit=5',
      headers: { 'x-api-key': key.key, 'x-request-id': 'plain-list', 'user-agent': 'probe/1.0' },
    });
    expect(response.statusCode).toBe(200);
    const span = await spanOf('plain-list');
    expect(span.name).toBe('GET /buckets/:bucket/cnames');
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/buckets/:bucket/cnames',
      'url.path': '/buckets/web-site/cnames',
      'url.scheme': 'http',
      'client.address': '127.0.0.1',
      'user_agent.original': 'probe/1.0',
      'http.response.status_code': 200,
      'app.api_key_id': 'reader',
    });
  });

  it('scrubs secrets the caller put in the path or the user agent, and names an unmatched route by its method', async () => {
    const pasted = `${API_KEY_PREFIX}abcdefghijklmnop1234`;
    const response = await t.app.inject({
      url: `/nowhere/${pasted}`,
      headers: { 'x-request-id': 'pasted-secret', 'user-agent': 'tool/2 Bearer abcdefghijklmnopqrs' },
    });
    expect(response.statusCode).toBe(404);
    const span = await spanOf('pasted-secret');
    expect(span.name).toBe('GET');
    expect(span.attributes['http.route']).toBeUndefined();
    expect(span.attributes['url.path']).toBe(`/nowhere/${API_KEY_PREFIX}[REDACTED]`);
    expect(span.attributes['user_agent.original']).toBe('tool/2 Bearer [REDACTED]');
    expect(JSON.stringify(span.attributes)).not.toContain('abcdefghijklmnop');
  });

  it('carries the problem code of an error answer', async () => {
    const response = await t.app.inject({
      url: '/buckets/web-site/cnames',
      headers: { 'x-request-id': 'no-key' },
    });
    expect(response.statusCode).toBe(401);
    const span = await spanOf('no-key');
    expect(span.attributes['http.response.status_code']).toBe(401);
    expect(span.attributes['app.problem_code']).toBe(response.json().code);
    expect(span.status.code ?? 0).toBe(0); // a 4xx is not the server's error
  });

  it('ends as an error when the caller hangs up before the answer', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    let reached = false;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    held = { released, release, reached: () => (reached = true) };
    const caller = new AbortController();
    const answer = fetch(`http://127.0.0.1:${port}/buckets/web-site/cnames`, {
      headers: { 'x-api-key': key.key, 'x-request-id': 'hung-up' },
      signal: caller.signal,
    }).catch((error: unknown) => error);
    await receiver.waitFor(() => (reached ? true : undefined), 'the request held at OSS');
    caller.abort();
    await answer;
    const span = await spanOf('hung-up');
    held = undefined;
    release();
    expect(span.status).toMatchObject({ code: 2, message: 'client closed the connection' });
  });
});
