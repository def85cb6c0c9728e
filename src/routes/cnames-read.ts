// Reading bindings: one domain (with its ETag) or the bucket's list, filtered and paged by the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Binding, BindingPage, ListQuery } from '../schemas/cname.ts';
import { BucketDomainParams, BucketParams, jsonResponse, problems } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { authorizedParams, requireAccess, visibleDomains } from './access.ts';
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
          'Only domains your API key may see. Ordered by domain; page with `limit` and the `nextCursor` of the previous page. The answer may come from a ListCname call up to `CNAME_CACHE_MS` old (its `Age` header says how old, in seconds); changes made through this service show at once.',
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
    async (request, reply) => {
      const { bucket } = request.params;
      requireAccess(request, 'cname:read', bucket);
      const page = await services.bindings.list(bucket, request.query, visibleDomains(request));
      return reply.header('age', ageSeconds(page.ageMs)).send({ bucket, ...page.value });
    },
  );

  api.get(
    '/buckets/:bucket/cnames/:domain',
    {
      schema: {
        operationId: 'getBinding',
        summary: 'Read one binding',
        description:
          'The `ETag` header is the bound certificate id (or `"none"`); send it as If-Match to change it. Like the list, it may come from a recent ListCname answer (`Age` header); If-Match is always checked against OSS itself.',
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
      const { bucket, domain } = authorizedParams(request, 'cname:read');
      const { value: binding, ageMs } = await services.bindings.get(bucket, domain);
      return reply.header('etag', binding.etag).header('age', ageSeconds(ageMs)).send(binding);
    },
  );
}

/** RFC 9111 §5.1: whole seconds, rounded down. */
function ageSeconds(ageMs: number): string {
  return String(Math.max(0, Math.floor(ageMs / 1000)));
}
