// Browser-facing protections. The API answers JSON, so helmet's defaults fit it; upgrade-insecure-requests
// is dropped because TLS ends at the load balancer and plain-HTTP development would lose /docs' assets.
// CORS is off unless CORS_ORIGINS lists origins: keys travel in headers, never cookies, so credentials
// mode stays off.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { REQUEST_ID_HEADER } from './request-id.ts';

export interface SecurityOptions {
  corsOrigins: string[];
}

async function security(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
  });
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
