// One CLIENT span per OSS attempt, made from the attempt event the OSS client already reports (so the
// client itself is untouched): operation, attempt number, HTTP status, OSS request id and error code.
// The event arrives as the attempt ends, within the request's context, so the span nests under the
// request's span with the attempt's real start and duration.
import type { SpanKind } from '@opentelemetry/api';
import type { OssAttemptEvent } from '../oss/types.ts';
import { recordFinishedSpan } from './spans.ts';
import { activeTracing } from './tracer.ts';

function recordOssAttempt(event: OssAttemptEvent, kind: SpanKind): void {
  recordFinishedSpan({
    name: `OSS ${event.operation}`,
    kind,
    durationMs: event.durationMs,
    failed: event.code !== undefined,
    attributes: {
      'rpc.system': 'alibaba_cloud_oss',
      'rpc.method': event.operation,
      'oss.operation': event.operation,
      'oss.attempt': event.attempt,
      'http.response.status_code': event.status,
      'oss.request_id': event.requestId,
      'oss.error_code': event.code,
      'oss.will_retry': event.willRetry,
    },
  });
}

/** The attempt recorder while tracing is on; undefined (nothing to call) when it is off. */
export function ossAttemptTracer(): ((event: OssAttemptEvent) => void) | undefined {
  const tracing = activeTracing();
  if (tracing === undefined) return undefined;
  const client = tracing.api.SpanKind.CLIENT;
  return (event) => recordOssAttempt(event, client);
}
