// Small helpers for tracing our own work. Each is a plain call through when tracing is off.
import { performance } from 'node:perf_hooks';
import type { AttributeValue, Span, SpanContext, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { scrubText } from '../logging/scrub.ts';
import { LEAN_ROOT_CONTEXT } from './context.ts';
import { sanitizeAttributes } from './sanitize.ts';
import { activeTracing } from './tracer.ts';

// The API's SpanStatusCode.ERROR (fixed by the OpenTelemetry specification), as a value of our own: the
// API is imported only when tracing is on, and a span may be ended after shutdown turned it off.
const ERROR: SpanStatusCode.ERROR = 2;

export type SpanAttributes = Record<string, AttributeValue | undefined>;

export interface WithSpanOptions<T> {
  attributes?: SpanAttributes;
  kind?: SpanKind;
  /** Attributes learnt from the result, e.g. a check's status. */
  describe?: (result: T) => SpanAttributes;
  /**
   * Starts a new trace instead of joining the active one: background work (a reconciler pass, a webhook
   * attempt) runs in whatever context its timer was first set in, often an old request's.
   */
  root?: boolean;
  /** Spans this work relates to without being their child, e.g. the requests that asked for it. */
  links?: readonly SpanContext[];
  /** Why a result that is not a throw still failed (a delivery answered 503), for the span's error status. */
  failure?: (result: T) => string | undefined;
}

/** Runs `fn` inside a span named `name` (its child spans nest under it); ends it with the outcome. */
export function withSpan<T>(
  name: string,
  fn: () => Promise<T>,
  options: WithSpanOptions<T> = {},
): Promise<T> {
  const tracing = activeTracing();
  if (tracing === undefined) return fn();
  const { tracer, api } = tracing;
  const startOptions = {
    kind: options.kind ?? api.SpanKind.INTERNAL,
    attributes: sanitizeAttributes(options.attributes ?? {}),
    links: (options.links ?? []).map((linked) => ({ context: linked })),
  };
  const parent = options.root ? LEAN_ROOT_CONTEXT : api.context.active();
  return tracer.startActiveSpan(name, startOptions, parent, async (span) => {
    try {
      const result = await fn();
      if (options.describe) span.setAttributes(sanitizeAttributes(options.describe(result)));
      const failure = options.failure?.(result);
      if (failure !== undefined) span.setStatus({ code: ERROR, message: scrubText(failure) });
      return result;
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Sets a span's status to error with a scrubbed message and the error's type. */
export function markFailed(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setStatus({ code: ERROR, message: scrubText(message) });
  span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
}

export interface FinishedWork {
  name: string;
  kind?: SpanKind;
  /** How long it took, ending now. */
  durationMs: number;
  attributes: SpanAttributes;
  failed?: boolean;
}

/** Records work that has just ended (e.g. reported by an observer) as a span under the active one. */
export function recordFinishedSpan(work: FinishedWork): void {
  const tracing = activeTracing();
  if (tracing === undefined) return;
  const end = performance.now();
  const span = tracing.tracer.startSpan(work.name, {
    kind: work.kind ?? tracing.api.SpanKind.INTERNAL,
    attributes: sanitizeAttributes(work.attributes),
    startTime: end - work.durationMs,
  });
  if (work.failed) span.setStatus({ code: ERROR });
  span.end(end);
}

/**
 * Adds `traceparent` (and `tracestate`) for the active span to outgoing headers, e.g. a webhook
 * delivery, so the receiver's work joins the trace. Returns the same object; unchanged when off.
 */
export function injectTraceparent<H extends Record<string, string>>(headers: H): H {
  const api = activeTracing()?.api;
  if (api !== undefined) api.propagation.inject(api.context.active(), headers);
  return headers;
}

/** The active span's ids, for log lines; undefined when tracing is off or no span is active. */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  const api = activeTracing()?.api;
  if (api === undefined) return undefined;
  const span = api.trace.getSpan(api.context.active());
  if (span === undefined) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** The active span's context, to link later work to it; undefined when off or no span is active. */
export function currentSpanContext(): SpanContext | undefined {
  const api = activeTracing()?.api;
  if (api === undefined) return undefined;
  return api.trace.getSpan(api.context.active())?.spanContext();
}
