// Browser-facing protections. The API answers JSON, so helmet's defaults fit it; upgrade-insecure-requests
// is dropped because TLS ends at the load balancer and plain-HTTP development would lose /docs' assets.
// CORS is off unless CORS_ORIGINS lists origins: keys travel in headers, never cookies, so credentials
// mode stays off.
import { createRequire } from 'node:module';
import cors from '@fastify/cors';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from './request-id.ts';

type HelmetMiddleware = (
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  next: (error?: Error) => void,
) => void;

// @fastify/helmet calls helmet(options) inside its onRequest hook, so every request rebuilt the whole
// middleware chain (CSP directives parsed and validated again): a tenth of /livez's CPU. The options never
// change, so the middleware is built once here, from the helmet copy @fastify/helmet itself depends on.
const requireHere = createRequire(import.meta.url);
const helmet = createRequire(requireHere.resolve('@fastify/helmet'))('helmet') as (
  options: FastifyHelmetOptions,
) => HelmetMiddleware;

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
};

export interface SecurityOptions {
  corsOrigins: string[];
}

async function security(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const headers = helmet(HELMET_OPTIONS);
  // On the raw response, as @fastify/helmet did: headers a route sets itself (Swagger UI's CSP) still win.
  app.addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, done));
  if (options.corsOrigins.length === 0) return;
  const allowed = new Set(options.corsOrigins.map((o) => o.replace(/\/$/, '')));
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'x-api-key', 'content-type', REQUEST_ID_HEADER],
    exposedHeaders: [
      REQUEST_ID_HEADER,
      'retry-after',
      'location',
      'etag',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
    credentials: false,
    maxAge: 600,
  });
}

export default fp(security, { name: 'security', fastify: '5.x' });
