// The DNS pre-flight as its own read: what OSS will find when the domain is bound, each check with a
// one-line fix, so callers can watch their DNS become ready instead of retrying binds.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BucketDomainParams, jsonResponse, problems } from '../schemas/common.ts';
import { DomainChecks } from '../schemas/preflight.ts';
import type { Services } from '../services/index.ts';
import { authorizedParams, visibleDomains } from './access.ts';
import { BINDING_TAGS } from './cnames-read.ts';
import { API_KEY_SECURITY } from './security.ts';

export function cnameCheckRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/buckets/:bucket/cnames/:domain/checks',
    {
      schema: {
        operationId: 'getBindingChecks',
        summary: "Check a domain's DNS before (or after) binding it",
        description:
          "The ownership TXT record at the resolvers and the zone's name servers (against the live token), the CNAME towards this bucket, A/AAAA records in its way, a TXT host typed with the zone twice, and CNAME chains through other custom domains. Each check is `pass`, `fail` or `pending` with a one-line `fix`; answers are cached briefly (DNS_CACHE_TTL_MS and the records' TTLs).",
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        response: {
          200: jsonResponse('The pre-flight report', DomainChecks),
          ...problems(400, 401, 403, 404, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const { bucket, domain } = authorizedParams(request, 'cname:read');
      return services.checks.inspect(bucket, domain, visibleDomains(request));
    },
  );
}
