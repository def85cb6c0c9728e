// Problems of the webhook routes (docs/domains.md#webhook-delivery).
import type { ProblemDefinition } from './problem-definition.ts';

const WEBHOOKS = 'docs/domains.md#webhook-delivery';

export const WEBHOOK_PROBLEMS = {
  'webhook-not-found': {
    status: 404,
    title: 'Webhook subscription not found',
    meaning: "No subscription with this id inside the key's bucket scope",
    action: 'List `GET /webhooks` for the ids you can manage',
    docs: WEBHOOKS,
  },
  'webhook-delivery-not-found': {
    status: 404,
    title: 'Webhook delivery not found',
    meaning: 'The subscription has no delivery with this id (the `webhook-id` it was sent with)',
    action: 'List `GET /webhooks/{id}/deliveries`',
    docs: WEBHOOKS,
  },
  'webhook-buckets-out-of-scope': {
    status: 403,
    title: 'Webhook buckets outside your scope',
    meaning: "A bucket glob of the subscription reaches beyond the API key's own bucket scope",
    action: "Name only buckets (or globs) inside your key's bucket scope",
    docs: WEBHOOKS,
  },
  'invalid-webhook-url': {
    status: 422,
    title: 'Invalid webhook URL',
    meaning: 'The URL is not an absolute http(s) URL, or carries credentials or a fragment',
    action: 'Send a plain `https://` URL of your receiver',
    docs: WEBHOOKS,
  },
  'webhook-target-forbidden': {
    status: 422,
    title: 'Webhook target forbidden',
    meaning:
      'The URL names a loopback, private, link-local or metadata address, and `WEBHOOK_ALLOW_PRIVATE_NETWORKS` is off',
    action: 'Use a public receiver, or (operator) allow private networks for internal deployments',
    docs: WEBHOOKS,
  },
  'webhook-disabled': {
    status: 409,
    title: 'Webhook subscription disabled',
    meaning: 'The subscription was disabled (its receiver answered 410 Gone); nothing is sent to it any more',
    action: 'Create a new subscription for the receiver',
    docs: WEBHOOKS,
  },
  'secrets-key-missing': {
    status: 503,
    title: 'Secrets key not configured',
    meaning: 'The service has no `SECRETS_KEY` to seal webhook secrets with',
    action: 'Operator: set `SECRETS_KEY` (32 bytes, base64) and restart',
    docs: WEBHOOKS,
  },
} as const satisfies Record<string, ProblemDefinition>;
