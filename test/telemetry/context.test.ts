// The lean root context stands in for the API's ROOT_CONTEXT on every request, so it must behave like it:
// empty, immutable, and understood by the API's trace and propagation helpers.
import { createContextKey, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { LEAN_ROOT_CONTEXT } from '../../src/telemetry/context.ts';

const key = createContextKey('test key');

describe('LEAN_ROOT_CONTEXT', () => {
  it('is empty, and setting or deleting a value makes a new context, leaving the old one as it was', () => {
    expect(LEAN_ROOT_CONTEXT.getValue(key)).toBeUndefined();
    const set = LEAN_ROOT_CONTEXT.setValue(key, 'a');
    const reset = set.setValue(key, 'b');
    const deleted = reset.deleteValue(key);
    expect([set.getValue(key), reset.getValue(key), deleted.getValue(key)]).toEqual(['a', 'b', undefined]);
    expect(LEAN_ROOT_CONTEXT.getValue(key)).toBeUndefined();
  });

  it("carries an extracted traceparent and a span like the API's root", () => {
    const header = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const propagator = new W3CTraceContextPropagator();
    const getter = {
      get: (carrier: typeof header, k: string) => carrier[k as 'traceparent'],
      keys: () => ['traceparent'],
    };
    const lean = propagator.extract(LEAN_ROOT_CONTEXT, header, getter);
    const api = propagator.extract(ROOT_CONTEXT, header, getter);
    expect(trace.getSpanContext(lean)).toEqual(trace.getSpanContext(api));
    const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
    expect(trace.getSpan(trace.setSpan(lean, span))).toBe(span);
    expect(propagation.getBaggage(lean)).toBeUndefined();
  });
});
