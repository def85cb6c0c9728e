// Subscriptions and deliveries as callers see them, and the subscription body: ready for the routes.
import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from '../domains/states.ts';

const time = z.iso.datetime();

export const CreateWebhookBody = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .meta({ example: 'https://hooks.example.com/oss-domains' }),
  events: z
    .array(z.enum(DOMAIN_EVENT_TYPES))
    .min(1)
    .max(DOMAIN_EVENT_TYPES.length)
    .meta({ description: 'The event types to receive.' }),
  buckets: z
    .array(z.string().regex(/^[a-z0-9*-]{1,63}$/, 'a bucket glob holds only a-z, 0-9, - and *'))
    .min(1)
    .max(100)
    .meta({ description: "Bucket globs (`web-*`); within the creating key's own bucket scope." }),
});

export const WebhookSubscription = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(DOMAIN_EVENT_TYPES)),
    buckets: z.array(z.string()),
    status: z
      .enum(['active', 'disabled'])
      .meta({ description: '`disabled` after the receiver answered 410.' }),
    createdAt: time,
    secretRotatedAt: time.nullable(),
  })
  .meta({ id: 'WebhookSubscription' });

export const CreatedWebhookSubscription = WebhookSubscription.extend({
  secret: z.string().meta({
    description: 'The `whsec_` signing secret. Shown only in this answer; store it now.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  }),
}).meta({ id: 'CreatedWebhookSubscription' });

export const WebhookDelivery = z
  .object({
    id: z.string().meta({ description: 'Sent as `webhook-id`, the same on every retry.' }),
    eventType: z.enum(DOMAIN_EVENT_TYPES),
    state: z.enum(['pending', 'delivered', 'failed', 'disabled']),
    attempts: z.int().min(0),
    lastAttemptAt: time.nullable(),
    nextAttemptAt: time.nullable(),
    lastStatus: z
      .int()
      .nullable()
      .meta({ description: "The receiver's last HTTP status; null when none came." }),
    lastError: z.object({ code: z.string(), detail: z.string() }).nullable(),
    createdAt: time,
  })
  .meta({ id: 'WebhookDelivery' });

export type CreateWebhookInput = z.output<typeof CreateWebhookBody>;
export type WebhookSubscriptionView = z.output<typeof WebhookSubscription>;
export type WebhookDeliveryView = z.output<typeof WebhookDelivery>;
