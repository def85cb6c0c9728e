// ACME work shows up in traces: one span per advance, saying what it observed, exported to a real OTLP
// receiver.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Telemetry } from '../../src/telemetry/index.ts';
import type { OtlpReceiver } from '../telemetry/helpers/otlp-receiver.ts';
import { startTracing } from '../telemetry/helpers/tracing.ts';
import { boundRow, type DriverFixture, delegate, startDriverFixture } from './driver-fixture.ts';

let fx: DriverFixture;
let receiver: OtlpReceiver;
let telemetry: Telemetry;
beforeAll(async () => {
  ({ receiver, telemetry } = await startTracing());
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
