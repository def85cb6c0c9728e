// ACME work shows up in traces: one span per advance, saying what it observed, exported to a real OTLP
// receiver.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTelemetry, type Telemetry, telemetrySettings } from '../../src/telemetry/index.ts';
import { OtlpReceiver } from '../telemetry/helpers/otlp-receiver.ts';
import { boundRow, type DriverFixture, delegate, startDriverFixture } from './driver-fixture.ts';

let fx: DriverFixture;
let receiver: OtlpReceiver;
let telemetry: Telemetry;
beforeAll(async () => {
  receiver = await OtlpReceiver.start();
  const settings = telemetrySettings({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
  if (!settings.ok) throw new Error(settings.errors.join('; '));
  telemetry = await setupTelemetry(settings.settings);
  fx = await startDriverFixture();
});
afterAll(async () => {
  await fx?.close();
  await telemetry?.shutdown();
  await receiver?.close();
});

describe('ACME spans', () => {
  it('records an acme.issue span with the domain and what it observed', async () => {
    const driver = await fx.driver(await fx.memoryStore());
    await delegate(fx.emulator, driver, 'traced.example.com');
    await driver.advance(boundRow('traced.example.com'), 'issue', new Date());
    const span = await receiver.waitFor(
      () => receiver.spans.find((s) => s.name === 'acme.issue'),
      'the acme.issue span',
    );
    expect(span.attributes).toMatchObject({
      'acme.domain': 'traced.example.com',
      'acme.effect': 'issue',
      'acme.observed': 'ordered,validated,issued',
    });
  });
});
