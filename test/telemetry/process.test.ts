// The service as operators run it (`node src/main.ts`): OTEL_* variables turn tracing on, a traced
// request's span reaches the collector by the time SIGTERM's shutdown has finished, and a setting that
// cannot be honoured refuses to start like any other bad setting.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';
import { OtlpReceiver } from './helpers/otlp-receiver.ts';

let receiver: OtlpReceiver;
let service: ServiceProcess | undefined;

beforeAll(async () => {
  receiver = await OtlpReceiver.start();
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
});
afterAll(() => receiver.close());

describe('tracing in the service process', () => {
  it('exports the spans of served requests on SIGTERM, under OTEL_SERVICE_NAME', async () => {
    service = startService({
      ...EPHEMERAL,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'cname-process-test',
    });
    const url = await service.url();
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${url}/livez`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(response.status).toBe(200);
    service.child.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    const span = receiver.spans.find((s) => s.traceId === traceId);
    expect(span).toMatchObject({
      name: 'GET /livez',
      resource: expect.objectContaining({ 'service.name': 'cname-process-test' }),
    });
    const line = service.stdout.find((l) => l.includes(traceId));
    expect(line && JSON.parse(line)).toMatchObject({ msg: 'request completed', route: '/livez', traceId });
  });

  it('refuses to start with an OTLP protocol it cannot speak', async () => {
    service = startService({
      ...EPHEMERAL,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    expect((await service.exited).code).toBe(1);
    expect(service.stderr).toEqual([
      expect.stringMatching(/^Configuration error: OTEL_EXPORTER_OTLP_PROTOCOL: /),
    ]);
  });
});
