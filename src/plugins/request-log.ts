// Exactly one log line per request, written when the response has gone out, carrying what an operator
// needs to follow it: route, status, duration, request id, API key id, every OSS call made for it and
// every DNS lookup of its pre-flight that failed (with the reason its answer leaves out).
// Also echoes the request id on every response and feeds the HTTP duration histogram.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import { type RequestScope, runInRequestContext } from '../request/context.ts';
import { REQUEST_ID_HEADER } from '../request/id.ts';
import { toProblem } from './error-handler.ts';

export interface RequestLogOptions {
  metrics: ServiceMetrics;
}

const kContext = Symbol('requestContext');
const kError = Symbol('requestError');

interface TrackedRequest extends FastifyRequest {
  [kContext]?: RequestScope;
  [kError]?: unknown;
}

async function requestLog(app: FastifyInstance, options: RequestLogOptions): Promise<void> {
  app.addHook('onRequest', (request: TrackedRequest, _reply, done) => {
    const context: RequestScope = { oss: [] };
    request[kContext] = context;
    runInRequestContext(context, done);
  });

  app.addHook('onError', async (request: TrackedRequest, _reply, error) => {
    request[kError] = error;
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.addHook('onResponse', async (request: TrackedRequest, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    writeLine(request, reply, route);
  });
}

function writeLine(request: TrackedRequest, reply: FastifyReply, route: string): void {
  const status = reply.statusCode;
  const error = request[kError];
  const problem = error === undefined ? undefined : toProblem(error);
  const line: Record<string, unknown> = {
    method: request.method,
    route,
    path: request.url.split('?')[0],
    status,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    keyId: request.principal?.keyId,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    code: problem?.code,
  };
  const oss = request[kContext]?.oss ?? [];
  if (oss.length > 0) line.oss = oss;
  const dns = request[kContext]?.dns;
  if (dns !== undefined && dns.length > 0) line.dns = dns;
  const trace = request[kContext]?.trace;
  if (trace) Object.assign(line, trace);
  if (status >= 500) {
    line.err = error;
    request.log.error(line, 'request failed');
  } else {
    request.log.info(line, 'request completed');
  }
}

export default fp(requestLog, { name: 'request-log', fastify: '5.x' });
