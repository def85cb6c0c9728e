// The webhook subscription routes: create (the only answer with the secret), list, read, delete, rotate
// the secret. Needs `webhooks:manage`; a key sees and manages only subscriptions inside its bucket scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ProblemError, problem } from '../errors/problem.ts';
import { API_KEY_SECURITY } from '../routes/security.ts';
import { jsonResponse, noContent, problems } from '../schemas/common.ts';
import { globsWithin } from './matching.ts';
import { CreatedWebhookSubscription, CreateWebhookBody, WebhookSubscription } from './resource.ts';
import type { SubscriptionRecord, WebhookSubscriptions } from './subscriptions.ts';
import { checkWebhookUrl } from './target-url.ts';
import { canManage, subscriptionView, webhookManager } from './views.ts';

export const TAGS = ['Webhooks'];
export const WebhookParams = z.object({ id: z.string().min(1).max(100) });

export interface WebhookRouteOptions {
  subscriptions: WebhookSubscriptions;
  allowPrivateNetworks: boolean;
  now: () => Date;
  /** A new subscription or redelivery: look for work now rather than at the next poll. */
  poke: () => void;
}

function notFound(id: string): ProblemError {
  return problem('webhook-not-found', `No webhook subscription ${id} that your API key can manage.`, {
    extensions: { id },
  });
}

/** The subscription `id` if the caller may manage it; 404 otherwise (others' ids are not revealed). */
export async function managed(
  subscriptions: WebhookSubscriptions,
  principal: Parameters<typeof canManage>[0],
  id: string,
): Promise<SubscriptionRecord> {
  const found = await subscriptions.get(id);
  if (found === undefined || !canManage(principal, found)) throw notFound(id);
  return found;
}

function requireSealer(subscriptions: WebhookSubscriptions): void {
  if (!subscriptions.canSeal) {
    throw problem('secrets-key-missing', 'SECRETS_KEY is not set, so no webhook secret can be stored.');
  }
}

export function webhookRoutes(app: FastifyInstance, options: WebhookRouteOptions): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { subscriptions } = options;

  api.post(
    '/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        summary: 'Subscribe a receiver to domain events',
        description:
          "Answers 201 with the subscription and its `whsec_` signing secret, shown only here. Every bucket glob must lie within the API key's bucket scope (403 `webhook-buckets-out-of-scope`). Needs `webhooks:manage`.",
        tags: TAGS,
        security: API_KEY_SECURITY,
        body: CreateWebhookBody,
        response: {
          201: jsonResponse('The subscription, with its secret', CreatedWebhookSubscription),
          ...problems(400, 401, 403, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const principal = webhookManager(request);
      const { url, events, buckets } = request.body;
      if (!globsWithin(buckets, principal.scopes.buckets)) {
        throw problem(
          'webhook-buckets-out-of-scope',
          `The bucket globs ${buckets.join(', ')} reach beyond your API key's bucket scope (${principal.scopes.buckets.join(', ')}).`,
          { extensions: { buckets } },
        );
      }
      const refused = checkWebhookUrl(url, options.allowPrivateNetworks);
      if (refused !== null) throw problem(refused.code, refused.detail);
      requireSealer(subscriptions);
      const created = await subscriptions.create(
        { url, events: [...new Set(events)], buckets: [...new Set(buckets)], creatorKeyId: principal.keyId },
        options.now(),
      );
      options.poke();
      return reply
        .code(201)
        .header('location', `/webhooks/${created.id}`)
        .send({ ...subscriptionView(created), secret: created.secret });
    },
  );

  api.get(
    '/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        summary: 'List webhook subscriptions',
        description: "The subscriptions inside the API key's bucket scope. Needs `webhooks:manage`.",
        tags: TAGS,
        security: API_KEY_SECURITY,
        response: {
          200: jsonResponse(
            'The subscriptions',
            z.object({ items: z.array(WebhookSubscription) }).meta({ id: 'WebhookSubscriptionList' }),
          ),
          ...problems(401, 403, 429, 503),
        },
      },
    },
    async (request) => {
      const principal = webhookManager(request);
      const all = await subscriptions.list();
      return { items: all.filter((s) => canManage(principal, s)).map(subscriptionView) };
    },
  );

  api.get(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'getWebhook',
        summary: 'Read a webhook subscription',
        description: 'Never shows the secret. Needs `webhooks:manage`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: WebhookParams,
        response: {
          200: jsonResponse('The subscription', WebhookSubscription),
          ...problems(401, 403, 404, 429, 503),
        },
      },
    },
    async (request) =>
      subscriptionView(await managed(subscriptions, webhookManager(request), request.params.id)),
  );

  api.delete(
    '/webhooks/:id',
    {
      schema: {
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook subscription',
        description: 'Stops every delivery to it and forgets its delivery log. Needs `webhooks:manage`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: WebhookParams,
        response: { 204: noContent('Deleted'), ...problems(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const found = await managed(subscriptions, webhookManager(request), request.params.id);
      await subscriptions.delete(found.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        summary: 'Rotate the signing secret of a webhook subscription',
        description:
          'Answers with the new `whsec_` secret, shown only here. For 24 hours deliveries carry two signatures, by the old and the new secret, so the receiver can switch without missing one. Needs `webhooks:manage`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: WebhookParams,
        response: {
          200: jsonResponse('The subscription, with its new secret', CreatedWebhookSubscription),
          ...problems(401, 403, 404, 429, 503),
        },
      },
    },
    async (request) => {
      const found = await managed(subscriptions, webhookManager(request), request.params.id);
      requireSealer(subscriptions);
      const rotated = await subscriptions.rotate(found.id, options.now());
      if (rotated === undefined) throw notFound(found.id);
      return { ...subscriptionView(rotated), secret: rotated.secret };
    },
  );
}
