// Ownership tokens: create one (or get the still-valid one back) and read it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CnameToken, CreateTokenBody } from '../schemas/cname-token.ts';
import { BucketDomainParams, BucketParams, jsonResponse, problems } from '../schemas/common.ts';
import { DryRun, DryRunQuery } from '../schemas/dry-run.ts';
import type { Services } from '../services/index.ts';
import { authorizedDomain, authorizedParams, writeContext } from './access.ts';
import { API_KEY_SECURITY } from './security.ts';

const TAGS = ['Ownership tokens'];

export function cnameTokenRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/buckets/:bucket/cname-tokens',
    {
      schema: {
        operationId: 'createCnameToken',
        summary: 'Get the token that proves ownership of a domain',
        description:
          'Returns the token and the TXT record to publish before binding. 201 when OSS created a new token, 200 when it handed back the one still valid (tokens live 72 hours). 409 `already-bound` when the domain is already bound to this bucket. With `dryRun=true`: 200 with what would happen, nothing created.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        querystring: DryRunQuery,
        body: CreateTokenBody,
        response: {
          200: jsonResponse(
            'The still-valid token OSS already held (same token, same expiry); with dryRun, the DryRun answer',
            z.union([CnameToken, DryRun]),
          ),
          201: jsonResponse('A new token', CnameToken),
          ...problems(400, 401, 403, 404, 409, 415, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request, reply) => {
      const { bucket } = request.params;
      const domain = authorizedDomain(request, 'cname:write', bucket, request.body.domain);
      const result = await services.tokens.create(
        bucket,
        domain,
        writeContext(request, request.query.dryRun),
      );
      if ('dryRun' in result) return reply.code(200).send(result);
      return reply.code(result.created ? 201 : 200).send(result.token);
    },
  );

  api.get(
    '/buckets/:bucket/cname-tokens/:domain',
    {
      schema: {
        operationId: 'getCnameToken',
        summary: 'Read the valid ownership token of a domain',
        description: '404 `token-not-found` when none was created or it expired.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        response: {
          200: jsonResponse('The valid token and the TXT record to publish', CnameToken),
          ...problems(400, 401, 403, 404, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const { bucket, domain } = authorizedParams(request, 'cname:read');
      return services.tokens.get(bucket, domain);
    },
  );
}
