// Tracing switched on in this test process, exporting OTLP/JSON to a receiver of the test's own; `env`
// adds or overrides OTEL_* settings (a service name, say).
import { setupTelemetry, type Telemetry, telemetrySettings } from '../../../src/telemetry/index.ts';
import { OtlpReceiver } from './otlp-receiver.ts';

export async function startTracing(
  env: Record<string, string> = {},
): Promise<{ receiver: OtlpReceiver; telemetry: Telemetry }> {
  const receiver = await OtlpReceiver.start();
  const settings = telemetrySettings({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    ...env,
  });
  if (!settings.ok) {
    await receiver.close();
    throw new Error(settings.errors.join('; '));
  }
  return { receiver, telemetry: await setupTelemetry(settings.settings) };
}
