// Changing bindings: bind or change the certificate (PUT), unbind (DELETE), drop the certificate.
// The collection forms (domain in the body) reach the same handlers as the item forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireDomain } from '../domain/require-domain.ts';
import { Binding, PutBindingBody, PutBindingCollectionBody, type PutBindingInput } from '../schemas/cname.ts';
import {
  BucketDomainParams,
  BucketParams,
  DomainBody,
  jsonResponse,
  noContent,
  problems,
} from '../schemas/common.ts';
import type { Services } from '../services/index.ts';
import { requireAccess } from './access.ts';
import { BINDING_TAGS } from './cnames-read.ts';
import { ConditionalHeaders, preconditionsOf } from './preconditions.ts';
import { API_KEY_SECURITY } from './security.ts';

const PUT_DESCRIPTION =
  'Binds the domain (201), or changes its certificate (200). The domain needs a published ownership token first. ' +
  'A PUT that changes nothing answers 200 without calling OSS. A certificate change replaces only the certificate ' +
  'named by If-Match, or (without If-Match) the one the service just read, unless `force` is true. ' +
  'Needs `cname:write`, and `cert:write` when a certificate is sent.';

const PUT_RESPONSES = {
  200: jsonResponse('Certificate changed, or nothing to change (OSS not called); ETag header set', Binding),
  201: jsonResponse('Domain bound; ETag and Location headers set', Binding),
  ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 502, 503, 504),
};

const DELETE_RESPONSES = {
  204: noContent('Unbound (also when it was not bound)'),
  ...problems(400, 401, 403, 404, 412, 415, 422, 429, 502, 503, 504),
};

export function cnameWriteRoutes(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const put = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bucket: string,
    rawDomain: string,
    body: PutBindingInput,
  ) => {
    const { domain } = requireDomain(rawDomain);
    requireAccess(request, 'cname:write', bucket, domain);
    if (body.certificate !== undefined) requireAccess(request, 'cert:write', bucket, domain);
    const outcome = await services.bindings.put(bucket, domain, body, preconditionsOf(request));
    reply.header('etag', outcome.binding.etag);
    if (outcome.created) reply.header('location', `/buckets/${bucket}/cnames/${domain}`);
    return reply.code(outcome.created ? 201 : 200).send(outcome.binding);
  };

  const remove = async (request: FastifyRequest, reply: FastifyReply, bucket: string, rawDomain: string) => {
    const { domain } = requireDomain(rawDomain);
    requireAccess(request, 'cname:write', bucket, domain);
    await services.bindings.remove(bucket, domain, preconditionsOf(request));
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
        headers: ConditionalHeaders,
        // Fastify hands a missing body to the validator as null.
        body: PutBindingBody.nullish(),
        response: PUT_RESPONSES,
      },
    },
    (request, reply) => put(request, reply, request.params.bucket, request.params.domain, request.body ?? {}),
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
        headers: ConditionalHeaders,
        body: PutBindingCollectionBody,
        response: PUT_RESPONSES,
      },
    },
    (request, reply) => {
      const { domain, ...rest } = request.body;
      return put(request, reply, request.params.bucket, domain, rest);
    },
  );

  api.delete(
    '/buckets/:bucket/cnames/:domain',
    {
      schema: {
        operationId: 'deleteBinding',
        summary: 'Unbind a domain',
        description: 'Idempotent. With If-Match, unbinds only while the ETag still matches.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        headers: ConditionalHeaders,
        response: DELETE_RESPONSES,
      },
    },
    (request, reply) => remove(request, reply, request.params.bucket, request.params.domain),
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
        headers: ConditionalHeaders,
        body: DomainBody,
        response: DELETE_RESPONSES,
      },
    },
    (request, reply) => remove(request, reply, request.params.bucket, request.body.domain),
  );

  api.delete(
    '/buckets/:bucket/cnames/:domain/certificate',
    {
      schema: {
        operationId: 'deleteBindingCertificate',
        summary: "Remove a binding's certificate",
        description:
          'The domain stays bound, served without HTTPS. Idempotent: 204 also when no certificate is bound; 404 when the domain is not bound. Needs `cert:write`.',
        tags: BINDING_TAGS,
        security: API_KEY_SECURITY,
        params: BucketDomainParams,
        headers: ConditionalHeaders,
        response: { ...DELETE_RESPONSES, 204: noContent('Certificate removed (or none was bound)') },
      },
    },
    async (request, reply) => {
      const { bucket } = request.params;
      const { domain } = requireDomain(request.params.domain);
      requireAccess(request, 'cert:write', bucket, domain);
      await services.bindings.removeCertificate(bucket, domain, preconditionsOf(request));
      return reply.code(204).send(null);
    },
  );
}
