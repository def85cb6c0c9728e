// The package's public face: the generated operations and types, a client factory, typed errors and
// webhook verification.

export { type Client, createServiceClient, type ServiceClientOptions } from './client.js';
export {
  isProblemResponseError,
  type Problem,
  ProblemResponseError,
  toProblemResponseError,
} from './errors.js';
export * from './generated/index.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  signWebhook,
  type VerifiedWebhook,
  type VerifyOptions,
  verifyWebhook,
  type WebhookFailure,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks.js';
