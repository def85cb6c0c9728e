// Traces end to end: tracing set up from OTEL_* variables pointing at a real OTLP/HTTP receiver on
// 127.0.0.1, the service and the OSS emulator on real sockets. A bind carrying the caller's traceparent
// must arrive as spans of the caller's trace: the route's, its OSS attempts' and its DNS checks'.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Telemetry } from '../../src/telemetry/index.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { type Stack, startStack } from '../helpers/stack.ts';
import type { OtlpReceiver, ReceivedSpan } from './helpers/otlp-receiver.ts';
import { startTracing } from './helpers/tracing.ts';

const DOMAIN = 'traced.example.com';
let receiver: OtlpReceiver;
let telemetry: Telemetry;
let stack: Stack;
let base: string;

beforeAll(async () => {
  ({ receiver: receiver, telemetry } = await startTracing({ OTEL_SERVICE_NAME: 'cname-under-test' }));
  stack = await startStack();
  await stack.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stack.close();
  await telemetry.shutdown();
  await receiver.close();
});

function callerContext() {
  return { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...stack.admin.headers, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OpenTelemetry traces', () => {
  it("puts a bind's route, OSS attempts and DNS checks in the caller's trace", async () => {
    const token = await call('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN });
    await stack.publishToken(DOMAIN, String(token.body.token));
    const certificate = await makeCertificate({ sans: [DOMAIN] });
    const caller = callerContext();
    const bound = await call(
      'PUT',
      `/buckets/examplebucket/cnames/${DOMAIN}`,
      { certificate: { certificate: certificate.chainPem, privateKey: certificate.privateKeyPem } },
      { traceparent: `00-${caller.traceId}-${caller.spanId}-01`, tracestate: 'caller=t61rcWkgMzE' },
    );
    expect(bound.status).toBe(201);
    await telemetry.forceFlush();

    const inTrace = () => receiver.spans.filter((span) => span.traceId === caller.traceId);
    const server = await receiver.waitFor(
      () => inTrace().find((span) => span.name === 'PUT /buckets/:bucket/cnames/:domain'),
      'the server span',
    );
    // The caller's span is the parent, and its tracestate is carried on.
    expect(server).toMatchObject({
      parentSpanId: caller.spanId,
      traceState: 'caller=t61rcWkgMzE',
      kind: 2, // SERVER
      resource: expect.objectContaining({ 'service.name': 'cname-under-test' }),
      attributes: expect.objectContaining({
        'http.request.method': 'PUT',
        'http.route': '/buckets/:bucket/cnames/:domain',
        'http.response.status_code': 201,
        'app.api_key_id': 'admin',
      }),
    });

    const spans = inTrace();
    const children = (parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
    // Every OSS attempt, as a client span under the request's, with what OSS answered.
    const oss = children(server).filter((span) => span.name.startsWith('OSS '));
    expect(oss.map((span) => span.attributes['oss.operation'])).toContain('PutCname');
    const put = oss.find((span) => span.name === 'OSS PutCname');
    expect(put).toMatchObject({
      kind: 3, // CLIENT
      attributes: expect.objectContaining({
        'oss.attempt': 1,
        'http.response.status_code': 200,
        'oss.request_id': expect.stringMatching(/\S/),
      }),
    });
    expect(stack.attempts.map((a) => a.requestId)).toContain(put?.attributes['oss.request_id']);
    expect(BigInt(put?.endTimeUnixNano ?? 0)).toBeGreaterThan(BigInt(put?.startTimeUnixNano ?? 0));

    // The DNS pre-flight, its checks (with their verdicts) and the lookups they made.
    const preflight = children(server).find((span) => span.name === 'dns.preflight');
    expect(preflight?.attributes).toMatchObject({
      'dns.domain': DOMAIN,
      'dns.check.ownership-txt': 'pass',
    });
    const checks = spans.filter((span) => span.parentSpanId === preflight?.spanId);
    expect(checks.map((span) => span.name)).toEqual(
      expect.arrayContaining(['dns.zone', 'dns.check ownership-txt', 'dns.check cname-target']),
    );
    const txt = checks.find((span) => span.name === 'dns.check ownership-txt');
    expect(txt?.attributes['dns.check.status']).toBe('pass');
    const queries = spans.filter((span) => span.name === 'dns.query');
    expect(queries.map((span) => span.attributes['dns.question.name'])).toContain(`_dnsauth.${DOMAIN}`);
    // The lookups started while OSS was read (the token is remembered) have their own span, without the
    // verdicts or check spans of the placeholder token they ran with.
    const warm = children(server).find((span) => span.name === 'dns.warm');
    expect(warm?.attributes['dns.domain']).toBe(DOMAIN);
    expect(Object.keys(warm?.attributes ?? {}).filter((key) => key.startsWith('dns.check'))).toEqual([]);
    expect(spans.filter((span) => span.parentSpanId === warm?.spanId).map((span) => span.name)).not.toContain(
      'dns.check ownership-txt',
    );

    // Nothing secret in any attribute: not the private key, the certificate, the API key or the token.
    const everything = JSON.stringify(spans.map((span) => [span.attributes, span.status, span.name]));
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain('BEGIN');
    expect(everything).not.toContain(stack.admin.key);
    expect(everything).not.toContain(String(token.body.token));
  });

  it('starts a new trace for a request without traceparent, and ignores a malformed one', async () => {
    const malformed = `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01`; // an all-zero trace id is invalid
    const response = await fetch(`${base}/buckets/examplebucket/cnames`, {
      headers: { ...stack.admin.headers, traceparent: malformed, 'x-request-id': 'untraced-list' },
    });
    expect(response.status).toBe(200);
    await telemetry.forceFlush();
    const span = await receiver.waitFor(
      () => receiver.spans.find((s) => s.attributes['app.request_id'] === 'untraced-list'),
      'the list span',
    );
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.traceId).not.toBe('0'.repeat(32));
    expect(span.parentSpanId).toBe('');
  });
});
