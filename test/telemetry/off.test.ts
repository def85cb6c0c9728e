// With no OTLP endpoint, tracing costs nothing: no tracer, no hooks, helpers that call straight through,
// and request log lines without trace fields even when the caller sends a traceparent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  injectTraceparent,
  ossAttemptTracer,
  setupTelemetry,
  telemetrySettings,
  withSpan,
} from '../../src/telemetry/index.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('reader');
let t: TestApp;

beforeAll(async () => {
  const settings = telemetrySettings({ OTEL_SERVICE_NAME: 'ignored-without-endpoint' });
  if (!settings.ok) throw new Error(settings.errors.join('; '));
  const telemetry = await setupTelemetry(settings.settings);
  expect(telemetry.enabled).toBe(false);
  t = await startApp({ keys: [key] });
});
afterAll(() => t.app.close());

describe('tracing off', () => {
  it('adds no hooks: the request log line has no trace fields, whatever the caller sends', async () => {
    const response = await t.app.inject({
      url: '/buckets/web-site/cnames',
      headers: {
        'x-api-key': key.key,
        'x-request-id': 'off-1',
        traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      },
    });
    expect(response.statusCode).toBe(200);
    const [line] = t.logs.forRequest('off-1');
    expect(line).toBeDefined();
    expect(line).not.toHaveProperty('traceId');
    expect(line).not.toHaveProperty('spanId');
  });

  it('calls straight through: the very same promise, untouched headers, no OSS recorder', async () => {
    const work = Promise.resolve(42);
    expect(withSpan('unused', () => work)).toBe(work);
    const headers = { 'content-type': 'application/json' };
    expect(injectTraceparent(headers)).toEqual({ 'content-type': 'application/json' });
    expect(ossAttemptTracer()).toBeUndefined();
  });
});
