// The service's tracer while tracing is on, and nothing otherwise. Everything that traces asks here
// first, so with tracing off no span, context or wrapper is ever made: the cost is one check. The API
// comes with the tracer: setup.ts imports it only when tracing is on, so a start without tracing loads
// none of its ~50 modules (bench/README.md, row 5).
import type * as OtelApi from '@opentelemetry/api';

export type Api = typeof OtelApi;

export interface Tracing {
  readonly tracer: OtelApi.Tracer;
  readonly api: Api;
}

let current: Tracing | undefined;

export function activeTracing(): Tracing | undefined {
  return current;
}

export function setActiveTracing(tracing: Tracing | undefined): void {
  current = tracing;
}
