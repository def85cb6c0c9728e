// Background work in traces, exported to a real OTLP/HTTP receiver on 127.0.0.1: a reconciler pass is one
// span of its own trace, linked to the request that woke it, with a span per domain worked and the OSS
// calls under those; each webhook attempt is a span with its status, attempt and event type, and nothing
// of the subscription's URL or secret.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachDomain, createServiceClient, createWebhook } from '../../clients/typescript/src/index.ts';
import type { Telemetry } from '../../src/telemetry/index.ts';
import { type DomainStack, startDomainStack, until } from '../reconciler/helpers.ts';
import { startReceiver } from '../webhooks/receiver.ts';
import type { OtlpReceiver, ReceivedSpan } from './helpers/otlp-receiver.ts';
import { startTracing } from './helpers/tracing.ts';

const DOMAIN = 'traced-pass.example.com';
let collector: OtlpReceiver;
let telemetry: Telemetry;
let stack: DomainStack;
let hooks: Awaited<ReturnType<typeof startReceiver>>;
let failing: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  ({ receiver: collector, telemetry } = await startTracing());
  hooks = await startReceiver((res) => res.writeHead(204).end());
  failing = await startReceiver((res) => res.writeHead(503).end());
  stack = await startDomainStack({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: true });
});
/** Exports what has ended, then asks `probe`, until it finds something or the deadline passes. */
function exported<T>(what: string, probe: () => T | undefined): Promise<T> {
  return until(what, async () => {
    await telemetry.forceFlush();
    return probe();
  });
}

afterAll(async () => {
  await stack.close();
  await hooks.close();
  await failing.close();
  await telemetry.shutdown();
  await collector.close();
});

describe('reconciler and webhook spans', () => {
  it('traces a pass linked to the attach, its domain step with OSS under it, and the deliveries', async () => {
    const caller = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
    const client = createServiceClient({
      baseUrl: stack.base,
      apiKey: stack.admin.key,
      headers: { traceparent: `00-${caller.traceId}-${caller.spanId}-01` },
    });
    const secretUrl = `${hooks.url}?token=hook-query-secret`;
    const { data: subscription } = await createWebhook({
      client,
      body: { url: secretUrl, events: ['domain.bound'], buckets: ['examplebucket'] },
    });
    const { data: refused } = await createWebhook({
      client,
      body: { url: failing.url, events: ['domain.bound'], buckets: ['examplebucket'] },
    });
    const { data: attached } = await attachDomain({
      client,
      path: { bucket: 'examplebucket' },
      body: { domain: DOMAIN, certificate: 'none' },
    });
    for (const record of attached.dnsRecords) await stack.publish(record.name, record.type, record.value);

    const spans = collector.spans;
    const attach = await exported('the attach request span', () =>
      spans.find((s) => s.traceId === caller.traceId && s.name === 'POST /buckets/:bucket/domains'),
    );
    // The step that bound the domain: PutCname went to OSS under it.
    const put = await exported('the PutCname of a reconciler step', () =>
      spans.find(
        (s) =>
          s.name === 'OSS PutCname' &&
          spans.some((step) => step.spanId === s.parentSpanId && step.attributes['domain.name'] === DOMAIN),
      ),
    );
    const bind = spans.find((s) => s.spanId === put.parentSpanId) as ReceivedSpan;
    expect(bind).toMatchObject({ name: 'reconciler.domain', traceId: put.traceId });
    expect(bind.attributes).toMatchObject({
      'domain.bucket': 'examplebucket',
      'reconciler.outcome': 'saved',
    });
    const passOf = (step: ReceivedSpan) => spans.find((s) => s.spanId === step.parentSpanId);
    const pass = await exported('its pass span', () => passOf(bind));
    expect(pass).toMatchObject({
      name: 'reconciler.pass',
      traceId: bind.traceId,
      parentSpanId: '',
      attributes: expect.objectContaining({ 'reconciler.engine': 'sqlite' }),
    });
    expect(pass.traceId).not.toBe(caller.traceId);
    expect(pass.attributes['reconciler.domains.claimed']).toBeGreaterThanOrEqual(1);
    expect(pass.attributes['reconciler.domains.advanced']).toBeGreaterThanOrEqual(1);

    // The first pass after the attach links back to the request that woke it.
    const woken = await exported('a pass linked to the attach', () =>
      spans.find((s) => s.name === 'reconciler.pass' && s.links.some((l) => l.spanId === attach.spanId)),
    );
    expect(woken.links).toContainEqual({ traceId: caller.traceId, spanId: attach.spanId });

    const delivery = await exported('the delivery span', () =>
      spans.find(
        (s) => s.name === 'webhook.deliver' && s.attributes['webhook.subscription'] === subscription.id,
      ),
    );
    expect(delivery.parentSpanId).toBe('');
    expect(delivery.attributes).toMatchObject({
      'webhook.attempt': 1,
      'webhook.event_type': 'domain.bound',
      'http.response.status_code': 204,
      'webhook.verdict': 'delivered',
    });
    expect(delivery.status.code ?? 0).toBe(0); // UNSET: delivered
    const retried = await exported('the refused delivery span', () =>
      spans.find((s) => s.name === 'webhook.deliver' && s.attributes['webhook.subscription'] === refused.id),
    );
    expect(retried.attributes).toMatchObject({
      'http.response.status_code': 503,
      'webhook.verdict': 'retry',
    });
    expect(retried.status).toMatchObject({ code: 2, message: 'answered 503' }); // ERROR
    // The receiver saw the delivery span as its parent.
    const sent = hooks.received.find((r) => String(r.headers.traceparent).includes(delivery.spanId));
    expect(sent?.headers.traceparent).toBe(`00-${delivery.traceId}-${delivery.spanId}-01`);

    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status]));
    expect(everything).not.toContain('hook-query-secret');
    expect(everything).not.toContain(subscription.secret);
    expect(everything).not.toContain(refused.secret);
    expect(everything).not.toContain(`127.0.0.1:${hooks.port}`);
    expect(everything).not.toContain(stack.admin.key);
  }, 30_000);
});
