// A SERVER span for every HTTP request, continuing the caller's trace when it sent W3C `traceparent`
// (and `tracestate`). The span is active while the request is handled, so the OSS calls and DNS checks
// made for it nest under it; its ids go on the request's log line. Registers nothing when tracing is off.
import type { Attributes, Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { scrubText } from '../logging/scrub.ts';
import { toProblem } from '../plugins/error-handler.ts';
import { currentRequestContext } from '../request/context.ts';
import { LEAN_ROOT_CONTEXT } from './context.ts';
import { activeTracing } from './tracer.ts';

const kSpan = Symbol('span');

interface TracedRequest extends FastifyRequest {
  [kSpan]?: Span;
}

/**
 * The server span's attributes. Their keys are fixed and name no secret, and only the path and the user
 * agent are the caller's free text, so only those two are scrubbed: the method is one Node's parser knows,
 * the route is ours, the address an IP, the request id one that passed its sanity check.
 */
function serverAttributes(request: FastifyRequest, route: string | undefined): Attributes {
  const attributes: Attributes = {
    'http.request.method': request.method,
    'url.path': scrubText(request.url.split('?')[0] ?? ''),
    'url.scheme': request.protocol,
    'app.request_id': request.id,
  };
  if (route !== undefined) attributes['http.route'] = route;
  const ip = request.ip;
  if (ip !== undefined) attributes['client.address'] = ip;
  const userAgent = request.headers['user-agent'];
  if (userAgent !== undefined) attributes['user_agent.original'] = scrubText(userAgent);
  return attributes;
}

async function tracing(app: FastifyInstance): Promise<void> {
  const tracing = activeTracing();
  if (tracing === undefined) return;
  const { tracer, api } = tracing;
  const { context, propagation, trace, SpanKind, SpanStatusCode } = api;

  app.addHook('onRequest', (request: TracedRequest, _reply, done) => {
    const parent = propagation.extract(LEAN_ROOT_CONTEXT, request.headers);
    const route = request.routeOptions.url;
    const span = tracer.startSpan(
      route === undefined ? request.method : `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: serverAttributes(request, route) },
      parent,
    );
    request[kSpan] = span;
    const log = currentRequestContext();
    if (log) {
      const { traceId, spanId } = span.spanContext();
      log.trace = { traceId, spanId };
    }
    context.with(trace.setSpan(parent, span), done);
  });

  // Callback hooks, not async ones: an async hook costs every request a promise and a microtask.
  app.addHook('onError', (request: TracedRequest, _reply, error, done) => {
    request[kSpan]?.setAttribute('app.problem_code', toProblem(error).code);
    done();
  });

  app.addHook('onResponse', (request: TracedRequest, reply, done) => {
    const span = request[kSpan];
    if (span !== undefined) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (request.principal?.keyId) span.setAttribute('app.api_key_id', request.principal.keyId);
      // Server spans are errors for 5xx only; a 4xx is the caller's mistake, answered as designed.
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });

  app.addHook('onRequestAbort', (request: TracedRequest, done) => {
    const span = request[kSpan];
    if (span !== undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection' });
      span.end();
    }
    done();
  });
}

export default fp(tracing, { name: 'tracing', fastify: '5.x', dependencies: ['request-log'] });
