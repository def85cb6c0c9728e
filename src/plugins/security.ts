// Browser-facing protections. The API answers JSON, so helmet's defaults fit it; upgrade-insecure-requests
// is dropped because TLS ends at the load balancer and plain-HTTP development would lose /docs' assets.
// CORS is off unless CORS_ORIGINS lists origins: keys travel in headers, never cookies, so credentials
// mode stays off.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { REQUEST_ID_HEADER } from '../request/id.ts';

// helmet directly rather than @fastify/helmet, which calls helmet(options) inside its onRequest hook: every
// request rebuilt the whole middleware chain (CSP directives parsed and validated again), a tenth of
// /livez's CPU. The options never change, so the middleware is built once.
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
};

export interface SecurityOptions {
  corsOrigins: string[];
}

async function security(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const headers = helmet(HELMET_OPTIONS);
  // On the raw response, as @fastify/helmet did: headers a route sets itself (Swagger UI's CSP) still win.
  app.addHook('onRequest', (request, reply, done) =>
    headers(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
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
