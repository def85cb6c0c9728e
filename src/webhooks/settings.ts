// WEBHOOK_* and SECRETS_KEY settings in the style of src/config/env-schema.ts, ready to be spread into
// the one env schema (SECRETS_KEY also belongs in SECRET_VARIABLES there).
import { flag, integer, optionalText } from '../config/env-fields.ts';
import { DELIVERY_TIMEOUT_MS } from './deliver.ts';

export const webhookEnvFields = {
  /** Internal deployments and tests: let webhooks reach loopback and private addresses. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: flag(false),
  WEBHOOK_TIMEOUT_MS: integer(DELIVERY_TIMEOUT_MS, 100, 30_000),
  WEBHOOK_DELIVERY_RETENTION_DAYS: integer(30, 1, 36_500),
  /** 32 bytes, base64: seals webhook secrets and other secrets at rest. */
  SECRETS_KEY: optionalText(),
};
