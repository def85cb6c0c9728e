// Webhooks (docs/domains.md#webhook-delivery) and the key that seals secrets at rest.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { webhookEnvFields } from '../webhooks/settings.ts';
import { setting } from './env-fields.ts';

export const WEBHOOK_SETTINGS = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: setting(
    webhookEnvFields.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    '`true` lets webhooks reach loopback, private, link-local and metadata addresses (internal deployments, tests). Off: such a target is refused when saved and again at every connection (DNS rebinding).',
  ),
  WEBHOOK_TIMEOUT_MS: setting(
    webhookEnvFields.WEBHOOK_TIMEOUT_MS,
    'How long one webhook delivery attempt may take before it counts as failed and is retried by the schedule.',
  ),
  WEBHOOK_DELIVERY_RETENTION_DAYS: setting(
    webhookEnvFields.WEBHOOK_DELIVERY_RETENTION_DAYS,
    'Delivered webhook deliveries older than this are deleted from the delivery log (checked at start and hourly); pending, failed and disabled ones are kept, and so are the events themselves.',
  ),
  SECRETS_KEY: setting(
    webhookEnvFields.SECRETS_KEY,
    '32 random bytes in base64 (`openssl rand -base64 32`): seals webhook secrets at rest. Emulator mode without it: one is generated and kept in `DATA_DIR/secrets.key`. Production refuses to start without it once a secret is stored. Never logged.',
  ),
};
