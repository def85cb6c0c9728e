// The JSON REST API as one Fastify plugin; app.ts registers it with the OSS client and the config.
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiRoutesOptions } from './options.ts';

export type { ApiConfig, ApiRoutesOptions } from './options.ts';

export default async function apiRoutes(app: FastifyInstance, _options: ApiRoutesOptions): Promise<void> {
  // zod validates requests and serializes responses for every route in this plugin.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}
