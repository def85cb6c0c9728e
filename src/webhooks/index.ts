// Webhooks: Standard Webhooks signing, the envelope, the retry schedule, the answer classification, one
// SSRF-guarded delivery attempt; subscriptions and deliveries in the store, the delivery worker that fans
// out the domain-event outbox and sends with leases, and the /webhooks routes (webhooksPlugin).
export { isForbiddenAddress } from './addresses.ts';
export { classifyStatus, type DeliveryVerdict } from './classify.ts';
export { DELIVERY_TIMEOUT_MS, type DeliveryAttempt, type DeliveryResult, deliver } from './deliver.ts';
export { type DeliveryRecord, WebhookDeliveries } from './deliveries.ts';
export { envelopeBody, WebhookEnvelope, type WebhookEnvelopeView } from './envelope.ts';
export { createWebhookAgent, ForbiddenTargetError, type WebhookAgentOptions } from './guarded-agent.ts';
export { globsWithin, type SubscriptionFilter, subscriptionMatches } from './matching.ts';
export { default as webhooksPlugin, type WebhooksPluginOptions } from './plugin.ts';
export {
  CreatedWebhookSubscription,
  CreateWebhookBody,
  type CreateWebhookInput,
  WebhookDelivery,
  type WebhookDeliveryView,
  WebhookSubscription,
  type WebhookSubscriptionView,
} from './resource.ts';
export {
  afterAttempt,
  type DeliveryState,
  MAX_RETRY_AFTER_MS,
  nextAttemptAt,
  parseRetryAfter,
  RETRY_DELAYS_MS,
} from './schedule.ts';
export {
  generateSecret,
  ROTATION_OVERLAP_MS,
  rotateSecret,
  type SubscriptionSecrets,
  secretKey,
  signingSecrets,
} from './secret.ts';
export { webhookEnvFields } from './settings.ts';
export { type SignedHeaders, sign, signedHeaders, verify } from './signature.ts';
export {
  type SubscriptionRecord,
  storedSecretKeyIds,
  WebhookSubscriptions,
} from './subscriptions.ts';
export { checkWebhookUrl } from './target-url.ts';
export { WebhookWorker, type WebhookWorkerOptions } from './worker.ts';
