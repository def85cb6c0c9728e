// Managed domains: attach once and the service drives ownership, binding and repair (docs/domains.md).
// Writes answer 202: the row is saved and the reconciler does the work; GET shows where it stands.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateManagedDomainBody,
  domainEtag,
  ManagedDomain,
  ManagedDomainListQuery,
  ManagedDomainPage,
} from '../domains/index.ts';
import { problem } from '../errors/problem.ts';
import type { ManagedDomains } from '../reconciler/index.ts';
import { BucketDomainParams, BucketParams, jsonResponse, problems } from '../schemas/common.ts';
import { authorizedDomain, authorizedParams, callerKeyId, requireAccess, visibleDomains } from './access.ts';
import { readDomainCursor, writeDomainCursor } from './domain-cursor.ts';
import { API_KEY_SECURITY } from './security.ts';

const TAGS = ['Managed domains'];
const path = (bucket: string, domain: string) => `/buckets/${bucket}/domains/${domain}`;

const DomainConditionalHeaders = z.looseObject({
  'if-match': z.string().optional().meta({
    description:
      "Change only if the domain's current ETag (from GET /buckets/{bucket}/domains/{domain}) is one of these, or `*` for any managed domain. A stale value answers 412 `precondition-failed` with `currentEtag`.",
    example: '"7"',
  }),
});

const ifMatchOf = (request: FastifyRequest): string | undefined => {
  const value = request.headers['if-match'];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * A conditional write on one managed domain (check now, delete) that the reconciler carries out: the same
 * access, If-Match and 202 answer with the row as it now stands, so the routes differ only in what they ask.
 */
interface DomainAction {
  method: 'POST' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  description: string;
  /** The 202 response's description. */
  answered: string;
  act: (bucket: string, domain: string, ifMatch: string | undefined) => ReturnType<ManagedDomains['check']>;
}

export function domainRoutes(app: FastifyInstance, domains: ManagedDomains): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/buckets/:bucket/domains',
    {
      schema: {
        operationId: 'attachDomain',
        summary: 'Attach a domain: the service drives ownership, binding and the certificate',
        description:
          'Creates the ownership token at OSS and answers 202 with the domain and the `dnsRecords` to publish; then the service checks DNS on its schedule, binds once the TXT record shows, and keeps watching. Needs `cname:write`, and `cert:write` for `certificate: "managed"` (the default; 422 `managed-certificates-unavailable` when the service has no ACME). 409 `domain-already-managed` carries the existing domain as `resource`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        body: CreateManagedDomainBody,
        response: {
          202: jsonResponse('Attached; Location names it', ManagedDomain),
          ...problems(400, 401, 403, 404, 409, 415, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request, reply) => {
      const { bucket } = request.params;
      const domain = authorizedDomain(request, 'cname:write', bucket, request.body.domain);
      if (request.body.certificate === 'managed') requireAccess(request, 'cert:write', bucket, domain);
      const row = await domains.attach(bucket, domain, request.body.certificate, callerKeyId(request));
      return reply.code(202).header('location', path(bucket, domain)).send(domains.view(row));
    },
  );

  api.get(
    '/buckets/:bucket/domains',
    {
      schema: {
        operationId: 'listDomains',
        summary: 'List the managed domains of a bucket',
        description:
          'Ordered by domain; filter by `status` and `ready`; `nextCursor` continues the listing (with the same filters). Needs `cname:read`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        querystring: ManagedDomainListQuery,
        response: {
          200: jsonResponse('One page', ManagedDomainPage),
          ...problems(400, 401, 403, 429, 503),
        },
      },
    },
    async (request) => {
      const { bucket } = request.params;
      requireAccess(request, 'cname:read', bucket);
      const { status, ready, limit, cursor } = request.query;
      const filters = JSON.stringify([status ?? '', ready ?? '']);
      const after = cursor === undefined ? undefined : readDomainCursor(cursor, filters);
      const page = await domains.list(bucket, { status, ready, limit, after });
      const visible = visibleDomains(request);
      const last = page.rows.at(-1);
      return {
        bucket,
        items: page.rows.filter((row) => visible(row.domain)).map((row) => domains.view(row)),
        nextCursor: page.more && last !== undefined ? writeDomainCursor(last.domain, filters) : null,
      };
    },
  );

  api.get(
    '/buckets/:bucket/domains/:domain',
    {
      schema: {
        operationId: 'getDomain',
        summary: 'Read a managed domain: where it stands, why, and until when',
        description:
          'With an `ETag` that changes with every change of the domain. 404 `domain-not-managed` when it is not (or no longer) managed. Needs `cname:read`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        response: {
          200: jsonResponse('The domain; ETag header set', ManagedDomain),
          ...problems(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { bucket, domain } = authorizedParams(request, 'cname:read');
      const row = await domains.get(bucket, domain);
      return reply.header('etag', domainEtag(row)).send(domains.view(row));
    },
  );

  domainAction({
    method: 'POST',
    url: '/buckets/:bucket/domains/:domain/check',
    operationId: 'checkDomain',
    summary: 'Check a managed domain now',
    description:
      'Runs the domain now instead of at `checks.nextCheckAt`. A `stalled` or `failed` domain starts over at the ownership step with the same token while OSS still holds it. With If-Match, only while the ETag still matches. Needs `cname:write`.',
    answered: 'Due now; ETag header set',
    act: (bucket, domain, ifMatch) => domains.check(bucket, domain, ifMatch),
  });

  domainAction({
    method: 'DELETE',
    url: '/buckets/:bucket/domains/:domain',
    operationId: 'deleteDomain',
    summary: 'Stop managing a domain and unbind it',
    description:
      'Answers 202 with `status: "deleting"`; the service unbinds the domain at OSS and stops all work for it, then GET answers 404 and `domain.deleted` is sent. With If-Match, only while the ETag still matches. Needs `cname:write`.',
    answered: 'Being deleted; ETag header set',
    act: (bucket, domain, ifMatch) => domains.remove(bucket, domain, ifMatch),
  });

  function domainAction(action: DomainAction): void {
    api.route({
      method: action.method,
      url: action.url,
      schema: {
        operationId: action.operationId,
        summary: action.summary,
        description: action.description,
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        headers: DomainConditionalHeaders,
        response: {
          202: jsonResponse(action.answered, ManagedDomain),
          ...problems(400, 401, 403, 404, 412, 429, 503),
        },
      },
      handler: async (request, reply) => {
        const { bucket, domain } = authorizedParams(request, 'cname:write');
        const row = await action.act(bucket, domain, ifMatchOf(request));
        return reply.code(202).header('etag', domainEtag(row)).send(domains.view(row));
      },
    });
  }
}

/** Writes through /cnames would fight the reconciler over a managed domain: refused, naming the route. */
export function guardManagedCnames(app: FastifyInstance, domains: ManagedDomains): void {
  const guarded = new Set([
    'PUT /buckets/:bucket/cnames/:domain',
    'PUT /buckets/:bucket/cnames',
    'DELETE /buckets/:bucket/cnames/:domain',
    'DELETE /buckets/:bucket/cnames',
    'DELETE /buckets/:bucket/cnames/:domain/certificate',
  ]);
  app.addHook('preHandler', async (request) => {
    if (!guarded.has(`${request.method} ${request.routeOptions.url}`)) return;
    const params = request.params as { bucket?: string; domain?: string };
    const raw = params.domain ?? (request.body as { domain?: unknown } | undefined)?.domain;
    if (params.bucket === undefined || typeof raw !== 'string') return;
    // The handler's own scope check, first, so a key that may not touch the domain learns nothing.
    const action = request.routeOptions.url?.endsWith('/certificate') ? 'cert:write' : 'cname:write';
    const domain = authorizedDomain(request, action, params.bucket, raw);
    if ((await domains.find(params.bucket, domain)) === undefined) return;
    const route = path(params.bucket, domain);
    throw problem(
      'domain-managed',
      `${domain} is managed by this service on bucket "${params.bucket}"; change it through ${route} (or DELETE it there first to manage the binding yourself).`,
      { extensions: { route } },
    );
  });
}
