// The service's tracer while tracing is on, and nothing otherwise. Everything that traces asks here
// first, so with tracing off no span, context or wrapper is ever made: the cost is one check.
import type { Tracer } from '@opentelemetry/api';

let current: Tracer | undefined;

export function activeTracer(): Tracer | undefined {
  return current;
}

export function setActiveTracer(tracer: Tracer | undefined): void {
  current = tracer;
}
