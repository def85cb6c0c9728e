// The OpenAPI 3.1 document, generated from the routes' zod schemas, and Swagger UI at /docs.
// Registered by app.ts before the routes, so every route is documented.
import { readFileSync } from 'node:fs';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { polishOperations } from '../openapi/polish.ts';
import { pruneUnusedSchemas } from '../openapi/prune.ts';

const DOCS_PREFIX = '/docs';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OSS custom domain service',
        version,
        description:
          'Bind custom domains to Alibaba Cloud OSS buckets without holding OSS credentials. ' +
          'Flow: create an ownership token, publish its TXT record, bind the domain (optionally with a certificate), ' +
          'then point the domain (CNAME) at `cnameTarget`. Every error is application/problem+json with a stable `code`.',
      },
      tags: [
        { name: 'Ownership tokens', description: 'Prove you own a domain before binding it.' },
        { name: 'Bindings', description: 'Domains bound to a bucket, and their certificates.' },
      ],
      components: {
        securitySchemes: {
          BearerAuth: { type: 'http', scheme: 'bearer', description: 'Your API key as a Bearer token.' },
          ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Your API key.' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => polishOperations(pruneUnusedSchemas(jsonSchemaTransformObject(document))),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    // The page loads only its own bundled assets: no CDN, no online validator.
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
}

export default fp(openapi, { name: 'openapi', fastify: '5.x' });
