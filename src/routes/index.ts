// The JSON REST API as one Fastify plugin; app.ts registers it with the OSS client and the config.
import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { createServices } from '../services/index.ts';
import { cnameCheckRoutes } from './cname-checks.ts';
import { cnameTokenRoutes } from './cname-tokens.ts';
import { cnameReadRoutes } from './cnames-read.ts';
import { cnameWriteRoutes } from './cnames-write.ts';
import type { ApiRoutesOptions } from './options.ts';
import { responseSerializerCompiler } from './response-serializer.ts';

export type { ApiConfig, ApiRoutesOptions } from './options.ts';

export default async function apiRoutes(app: FastifyInstance, options: ApiRoutesOptions): Promise<void> {
  const { config } = options;
  // zod validates requests and serializes responses for every route in this plugin.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(config.responseValidation ?? 'strict'));
  const services = createServices(options.oss, {
    defaultRegion: config.oss.region,
    defaultCertRegion: config.oss.certRegion,
    dns: {
      resolvers: config.dnsResolvers,
      authoritativePort: config.dns.authoritativePort,
      timeoutMs: config.dns.timeoutMs,
      cacheTtlMs: config.dns.cacheTtlMs,
      preflightTimeoutMs: config.dns.preflightTimeoutMs,
    },
    conflictScan: config.conflictScan,
  });
  cnameTokenRoutes(app, services);
  cnameReadRoutes(app, services);
  cnameWriteRoutes(app, services);
  cnameCheckRoutes(app, services);
}
