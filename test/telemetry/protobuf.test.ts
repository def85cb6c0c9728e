// The default protocol, http/protobuf, against the same real receiver (kept raw: the test reads the
// trace id and strings out of the bytes), and the helpers for our own spans with tracing on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  injectTraceparent,
  setupTelemetry,
  type Telemetry,
  telemetrySettings,
  withSpan,
} from '../../src/telemetry/index.ts';
import { OtlpReceiver } from './helpers/otlp-receiver.ts';

let receiver: OtlpReceiver;
let telemetry: Telemetry;

beforeAll(async () => {
  receiver = await OtlpReceiver.start();
  const settings = telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  if (!settings.ok) throw new Error(settings.errors.join('; '));
  expect(settings.settings).toMatchObject({ protocol: 'http/protobuf' });
  telemetry = await setupTelemetry(settings.settings);
});
afterAll(async () => {
  await telemetry.shutdown();
  await receiver.close();
});

describe('tracing on, over http/protobuf', () => {
  it('injects the active span as traceparent and exports the span in protobuf', async () => {
    let headers: Record<string, string> = {};
    await withSpan('webhook.delivery', async () => {
      headers = injectTraceparent({ 'content-type': 'application/json' });
    });
    expect(headers['content-type']).toBe('application/json');
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(headers.traceparent ?? '');
    expect(match).not.toBeNull();
    const [, traceId, spanId] = match ?? [];

    await telemetry.forceFlush();
    const batch = await receiver.waitFor(
      () => receiver.raw.find((r) => r.body.includes(Buffer.from(traceId ?? '', 'hex'))),
      'a protobuf export holding the trace id',
    );
    expect(batch.contentType).toBe('application/x-protobuf');
    expect(batch.body.includes(Buffer.from(spanId ?? '', 'hex'))).toBe(true);
    expect(batch.body.includes(Buffer.from('webhook.delivery'))).toBe(true);
  });

  it('marks a failed span as an error with the message scrubbed of secrets, and rethrows', async () => {
    const secret = 'Bearer abcdefghijklmnopqrstuvwxyz012345';
    const failing = withSpan('failing.work', async () => {
      throw new Error(`upstream refused ${secret}`);
    });
    await expect(failing).rejects.toThrow('upstream refused');
    await telemetry.forceFlush();
    const batch = await receiver.waitFor(
      () => receiver.raw.find((r) => r.body.includes(Buffer.from('failing.work'))),
      'the failed span',
    );
    expect(batch.body.includes(Buffer.from('upstream refused Bearer [REDACTED]'))).toBe(true);
    expect(batch.body.includes(Buffer.from('abcdefghijklmnop'))).toBe(false);
  });
});
