// With tracing on, each delivery attempt is a span and its traceparent goes to the receiver, so the
// receiver's work joins the trace.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Telemetry } from '../../src/telemetry/index.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';
import type { OtlpReceiver } from '../telemetry/helpers/otlp-receiver.ts';
import { startTracing } from '../telemetry/helpers/tracing.ts';
import { domainEvent, publish, startWorker } from './helpers/worker.ts';
import { startReceiver } from './receiver.ts';

let collector: OtlpReceiver;
let telemetry: Telemetry;

beforeAll(async () => {
  ({ receiver: collector, telemetry } = await startTracing({ OTEL_SERVICE_NAME: 'webhooks-under-test' }));
});
afterAll(async () => {
  await telemetry.shutdown();
  await collector.close();
});

describeEachEngine('webhook tracing', (engine) => {
  it('sends traceparent with each delivery', async () => {
    const store = await engine.freshStore();
    const kit = startWorker(store);
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      const input = { url: r.url, events: ['domain.bound' as const], buckets: ['*'], creatorKeyId: 'ops' };
      await kit.worker.subscriptions.create(input, new Date());
      await publish(store, [domainEvent('domain.bound', 'web', 'a.example.com')]);
      await kit.worker.tick();
      expect(r.received[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    } finally {
      await kit.close();
      await r.close();
    }
  });
});
