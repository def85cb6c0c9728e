// A subscription's delivery log, newest event first, and a redelivery on demand (same webhook-id, a fresh
// retry schedule). Needs `webhooks:manage` on the subscription.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problem } from '../errors/problem.ts';
import { API_KEY_SECURITY } from '../routes/security.ts';
import { cursorPage, jsonResponse, problems } from '../schemas/common.ts';
import type { WebhookDeliveries } from './deliveries.ts';
import { WebhookDelivery } from './resource.ts';
import { managed, TAGS, WebhookParams, type WebhookRouteOptions } from './routes.ts';
import { deliveryView, webhookManager } from './views.ts';

const DeliveryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Deliveries per page.' }),
  cursor: z
    .string()
    .regex(/^\d{1,16}$/)
    .optional()
    .meta({ description: "The previous page's `nextCursor`." }),
});

const DeliveryPage = cursorPage(WebhookDelivery, 'WebhookDeliveryPage');

export function webhookDeliveryRoutes(
  app: FastifyInstance,
  options: WebhookRouteOptions & { deliveries: WebhookDeliveries },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { subscriptions, deliveries } = options;

  api.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: 'List the deliveries of a webhook subscription',
        description:
          'Newest event first: state, attempts, the last answer and the next attempt. Needs `webhooks:manage`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: WebhookParams,
        querystring: DeliveryQuery,
        response: {
          200: jsonResponse('One page of deliveries', DeliveryPage),
          ...problems(400, 401, 403, 404, 429, 503),
        },
      },
    },
    async (request) => {
      const found = await managed(subscriptions, webhookManager(request), request.params.id);
      const { limit, cursor } = request.query;
      const rows = await deliveries.list(
        found.id,
        limit + 1,
        cursor === undefined ? undefined : Number(cursor),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(deliveryView),
        nextCursor: rows.length > limit && last !== undefined ? String(last.eventSeq) : null,
      };
    },
  );

  api.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        operationId: 'redeliverWebhook',
        summary: 'Send a delivery again',
        description:
          'Queues the delivery now with a fresh retry schedule, whatever its state; it is sent with the same `webhook-id`. 409 `webhook-disabled` when the subscription is disabled. Needs `webhooks:manage`.',
        tags: TAGS,
        security: API_KEY_SECURITY,
        params: WebhookParams.extend({ deliveryId: z.string().min(1).max(100) }),
        response: {
          202: jsonResponse('The delivery, queued', WebhookDelivery),
          ...problems(401, 403, 404, 409, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const found = await managed(subscriptions, webhookManager(request), request.params.id);
      const key = { subscriptionId: found.id, eventId: request.params.deliveryId };
      if ((await deliveries.get(key)) === undefined) {
        throw problem(
          'webhook-delivery-not-found',
          `Subscription ${found.id} has no delivery ${key.eventId}.`,
          {
            extensions: { id: found.id, deliveryId: key.eventId },
          },
        );
      }
      if (found.status === 'disabled') {
        throw problem(
          'webhook-disabled',
          `Subscription ${found.id} is disabled (${found.disabledReason ?? 'by its receiver'}); create a new one.`,
        );
      }
      await deliveries.redeliver(key, options.now());
      options.poke();
      const queued = await deliveries.get(key);
      if (queued === undefined)
        throw problem('webhook-delivery-not-found', `Delivery ${key.eventId} is gone.`);
      return reply.code(202).send(deliveryView(queued));
    },
  );
}
