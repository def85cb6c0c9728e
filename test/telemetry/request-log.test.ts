// With tracing on: the request's log line names its trace and span, and the caller's sampling decision
// (the traceparent's flags) is honoured by the default parent-based sampler.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Telemetry } from '../../src/telemetry/index.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import type { OtlpReceiver } from './helpers/otlp-receiver.ts';
import { startTracing } from './helpers/tracing.ts';

const key = testKey('reader');
let receiver: OtlpReceiver;
let telemetry: Telemetry;
let t: TestApp;

beforeAll(async () => {
  ({ receiver, telemetry } = await startTracing());
  // Each listing below must reach OSS, so its OSS span nests under the request.
  t = await startApp({ keys: [key], env: { CNAME_CACHE_MS: '0' } });
  await t.oss.putCname({ bucket: 'web-site', domain: 'www.example.com' });
});
afterAll(async () => {
  await t.app.close();
  await telemetry.shutdown();
  await receiver.close();
});

function traceparent(flags: '00' | '01') {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}` };
}

async function list(requestId: string, header: string) {
  const response = await t.app.inject({
    url: '/buckets/web-site/cnames',
    headers: { 'x-api-key': key.key, 'x-request-id': requestId, traceparent: header },
  });
  expect(response.statusCode).toBe(200);
  const [line] = t.logs.forRequest(requestId);
  return line as Record<string, unknown>;
}

describe('tracing and the request log', () => {
  it("writes the caller's trace id and the request's span id on the line; spans follow the sampled flag", async () => {
    const unsampled = traceparent('00');
    const quiet = await list('not-sampled', unsampled.header);
    expect(quiet.traceId).toBe(unsampled.traceId);
    expect(quiet.spanId).toMatch(/^[0-9a-f]{16}$/);

    const sampled = traceparent('01');
    const line = await list('sampled', sampled.header);
    expect(line.traceId).toBe(sampled.traceId);
    await telemetry.forceFlush();
    const span = await receiver.waitFor(
      () => receiver.spans.find((s) => s.traceId === sampled.traceId && s.kind === 2),
      'the sampled request span',
    );
    expect(span.spanId).toBe(line.spanId);
    expect(span.name).toBe('GET /buckets/:bucket/cnames');
    // The OSS attempts of the request (the fake client reports them like the real one) nest under it.
    const oss = receiver.spans.filter((s) => s.parentSpanId === span.spanId && s.name.startsWith('OSS '));
    expect(oss.map((s) => s.attributes['oss.operation'])).toContain('ListCname');
    // The unsampled request ended first and everything was flushed: nothing of its trace was recorded.
    expect(receiver.spans.filter((s) => s.traceId === unsampled.traceId)).toEqual([]);
  });
});
