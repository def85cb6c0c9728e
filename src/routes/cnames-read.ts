// Reading bindings: one domain (with its ETag) or the bucket's list, filtered and paged by the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireDomain } from '../domain/require-domain.ts';
import { Binding, BindingPage, ListQuery } from '../schemas/cname.ts';
import { BucketDomainParams, BucketParams, jsonResponse, problems } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { requireAccess, visibleDomains } from './access.ts';
import { API_KEY_SECURITY } from './security.ts';

export const BINDING_TAGS = ['Bindings'];

export function cnameReadRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/buckets/:bucket/cnames',
    {
      schema: {
        operationId: 'listBindings',
        summary: "List the bucket's bound domains",
        description:
          'Only domains your API key may see. Ordered by domain; page with `limit` and the `nextCursor` of the previous page.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        querystring: ListQuery,
        response: {
          200: jsonResponse('One page of bindings', BindingPage),
          ...problems(400, 401, 403, 404, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const { bucket } = request.params;
      requireAccess(request, 'cname:read', bucket);
      const page = await services.bindings.list(bucket, request.query, visibleDomains(request));
      return { bucket, ...page };
    },
  );

  api.get(
    '/buckets/:bucket/cnames/:domain',
    {
      schema: {
        operationId: 'getBinding',
        summary: 'Read one binding',
        description:
          'The `ETag` header is the bound certificate id (or `"none"`); send it as If-Match to change it.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        response: {
          200: jsonResponse('The binding; its ETag header equals `etag`', Binding),
          ...problems(400, 401, 403, 404, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request, reply) => {
      const { bucket } = request.params;
      const { domain } = requireDomain(request.params.domain);
      requireAccess(request, 'cname:read', bucket, domain);
      const binding = await services.bindings.get(bucket, domain);
      return reply.header('etag', binding.etag).send(binding);
    },
  );
}
