// Changing bindings: bind or change the certificate (PUT), unbind (DELETE), drop the certificate.
// The collection forms (domain in the body) reach the same handlers as the item forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CertificateWatchRegistry } from '../cert-watch/index.ts';
import { Binding, PutBindingBody, PutBindingCollectionBody, type PutBindingInput } from '../schemas/cname.ts';
import {
  BucketDomainParams,
  BucketParams,
  DomainBody,
  jsonResponse,
  noContent,
  problems,
} from '../schemas/common.ts';
import { DryRun, DryRunQuery } from '../schemas/dry-run.ts';
import type { Services } from '../services/index.ts';
import { authorizedDomain, authorizedParams, requireAccess, writeContext } from './access.ts';
import { BINDING_TAGS } from './cnames-read.ts';
import { ConditionalHeaders, preconditionsOf } from './preconditions.ts';
import { API_KEY_SECURITY } from './security.ts';

const PUT_DESCRIPTION =
  'Binds the domain (201), or changes its certificate (200). The domain needs a published ownership token first: ' +
  'before binding, the DNS pre-flight runs, and a TXT record that is missing or wrong answers 409 `dns-not-ready` ' +
  '(with the checks and Retry-After) without calling OSS. ' +
  'A PUT that changes nothing answers 200 without calling OSS. A certificate change replaces only the certificate ' +
  'named by If-Match, or (without If-Match) the one the service just read, unless `force` is true. ' +
  'With `dryRun=true`: everything is checked and 200 shows what would be sent, nothing changes. ' +
  'Needs `cname:write`, and `cert:write` when a certificate is sent.';

const PUT_RESPONSES = {
  200: jsonResponse(
    'Certificate changed, or nothing to change (OSS not called); ETag header set. With dryRun, the DryRun answer',
    z.union([Binding, DryRun]),
  ),
  201: jsonResponse('Domain bound; ETag and Location headers set', Binding),
  ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 502, 503, 504),
};

const DELETE_RESPONSES = {
  200: jsonResponse('dryRun=true: what would be sent, nothing changed', DryRun),
  204: noContent('Unbound (also when it was not bound)'),
  ...problems(400, 401, 403, 404, 412, 415, 422, 429, 502, 503, 504),
};

export function cnameWriteRoutes(
  app: FastifyInstance,
  services: Services,
  watch?: CertificateWatchRegistry | undefined,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const put = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bucket: string,
    rawDomain: string,
    body: PutBindingInput,
    dryRun: boolean | undefined,
  ) => {
    const domain = authorizedDomain(request, 'cname:write', bucket, rawDomain);
    if (body.certificate !== undefined) requireAccess(request, 'cert:write', bucket, domain);
    const ctx = writeContext(request, dryRun);
    // The expiry watch learns of the bucket before OSS binds (a crash after PutCname loses nothing) and
    // again after, with the new certificate's expiry (docs/domains.md#expiry-watch).
    const watched = body.certificate !== undefined && dryRun !== true ? watch : undefined;
    await watched?.register(bucket);
    const outcome = await services.bindings.put(bucket, domain, body, preconditionsOf(request), ctx);
    if ('dryRun' in outcome) return reply.code(200).send(outcome);
    const validUntil = outcome.binding.certificate?.validUntil;
    if (outcome.changed && validUntil) await watched?.register(bucket, new Date(validUntil));
    reply.header('etag', outcome.binding.etag);
    if (outcome.created) reply.header('location', `/buckets/${bucket}/cnames/${domain}`);
    return reply.code(outcome.created ? 201 : 200).send(outcome.binding);
  };

  const remove = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bucket: string,
    rawDomain: string,
    dryRun: boolean | undefined,
  ) => {
    const domain = authorizedDomain(request, 'cname:write', bucket, rawDomain);
    const ctx = writeContext(request, dryRun, { bucket, domain });
    const preview = await services.bindings.remove(bucket, domain, preconditionsOf(request), ctx);
    if (preview) return reply.code(200).send(preview);
    return reply.code(204).send();
  };

  api.put(
    '/buckets/:bucket/cnames/:domain',
    {
      schema: {
        operationId: 'putBinding',
        summary: 'Bind a domain or change its certificate',
        description: PUT_DESCRIPTION,
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        querystring: DryRunQuery,
        headers: ConditionalHeaders,
        // Fastify hands a missing body to the validator as null.
        body: PutBindingBody.nullish(),
        response: PUT_RESPONSES,
      },
    },
    (request, reply) =>
      put(
        request,
        reply,
        request.params.bucket,
        request.params.domain,
        request.body ?? {},
        request.query.dryRun,
      ),
  );

  api.put(
    '/buckets/:bucket/cnames',
    {
      schema: {
        operationId: 'putBindingByBody',
        summary: 'Bind a domain or change its certificate (domain in the body)',
        description: `Same as PUT /buckets/{bucket}/cnames/{domain}. ${PUT_DESCRIPTION}`,
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        querystring: DryRunQuery,
        headers: ConditionalHeaders,
        body: PutBindingCollectionBody,
        response: PUT_RESPONSES,
      },
    },
    (request, reply) => {
      const { domain, ...rest } = request.body;
      return put(request, reply, request.params.bucket, domain, rest, request.query.dryRun);
    },
  );

  api.delete(
    '/buckets/:bucket/cnames/:domain',
    {
      schema: {
        operationId: 'deleteBinding',
        summary: 'Unbind a domain',
        description:
          'Idempotent. With If-Match, unbinds only while the ETag still matches. With `dryRun=true`: 200 with what would be sent. ' +
          'Needs `cname:write`, and `cert:write` when the domain carries a certificate (unbinding removes it).',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        querystring: DryRunQuery,
        headers: ConditionalHeaders,
        response: DELETE_RESPONSES,
      },
    },
    (request, reply) =>
      remove(request, reply, request.params.bucket, request.params.domain, request.query.dryRun),
  );

  api.delete(
    '/buckets/:bucket/cnames',
    {
      schema: {
        operationId: 'deleteBindingByBody',
        summary: 'Unbind a domain (domain in the body)',
        description: 'Same as DELETE /buckets/{bucket}/cnames/{domain}.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketParams,
        querystring: DryRunQuery,
        headers: ConditionalHeaders,
        body: DomainBody,
        response: DELETE_RESPONSES,
      },
    },
    (request, reply) =>
      remove(request, reply, request.params.bucket, request.body.domain, request.query.dryRun),
  );

  api.delete(
    '/buckets/:bucket/cnames/:domain/certificate',
    {
      schema: {
        operationId: 'deleteBindingCertificate',
        summary: "Remove a binding's certificate",
        description:
          'The domain stays bound, served without HTTPS. Idempotent: 204 also when no certificate is bound; 404 when the domain is not bound. With `dryRun=true`: 200 with what would be sent. Needs `cert:write`.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        querystring: DryRunQuery,
        headers: ConditionalHeaders,
        response: { ...DELETE_RESPONSES, 204: noContent('Certificate removed (or none was bound)') },
      },
    },
    async (request, reply) => {
      const { bucket, domain } = authorizedParams(request, 'cert:write');
      const ctx = writeContext(request, request.query.dryRun);
      const preview = await services.bindings.removeCertificate(
        bucket,
        domain,
        preconditionsOf(request),
        ctx,
      );
      if (preview) return reply.code(200).send(preview);
      return reply.code(204).send(null);
    },
  );
}
