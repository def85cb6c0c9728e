// Tracing with OpenTelemetry: on when OTEL_EXPORTER_OTLP_ENDPOINT is set, free when it is not.
export type { SpanContext } from '@opentelemetry/api';
export { default as tracingPlugin } from './http.ts';
export { ossAttemptTracer } from './oss.ts';
export { isSecretKey, sanitizeAttributes } from './sanitize.ts';
export { type TelemetrySettings, telemetrySettings } from './settings.ts';
export { DEFAULT_SERVICE_NAME, setupTelemetry, type Telemetry } from './setup.ts';
export {
  currentSpanContext,
  currentTraceIds,
  injectTraceparent,
  markFailed,
  recordFinishedSpan,
  withSpan,
} from './spans.ts';
