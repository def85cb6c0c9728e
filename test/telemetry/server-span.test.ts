// The request's server span: its attributes are built without the generic sanitizer (their keys are
// fixed), so the caller's free text in them, the path and the user agent, must still be scrubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../../src/auth/api-key.ts';
import { setupTelemetry, type Telemetry, telemetrySettings } from '../../src/telemetry/index.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import { OtlpReceiver } from './helpers/otlp-receiver.ts';

const key = testKey('reader');
let receiver: OtlpReceiver;
let telemetry: Telemetry;
let t: TestApp;

beforeAll(async () => {
  receiver = await OtlpReceiver.start();
  const settings = telemetrySettings({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
  if (!settings.ok) throw new Error(settings.errors.join('; '));
  telemetry = await setupTelemetry(settings.settings);
  t = await startApp({ keys: [key] });
});
afterAll(async () => {
  await t.app.close();
  await telemetry.shutdown();
  await receiver.close();
});

async function spanOf(requestId: string) {
  await telemetry.forceFlush();
  return receiver.waitFor(
    () => receiver.spans.find((s) => s.kind === 2 && s.attributes['app.request_id'] === requestId),
    `the server span of ${requestId}`,
  );
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
});
