// The one schema for the environment, and the one shape of the configuration: the service reads the same
// names (OSS_REGION, DNS_PREFLIGHT_TIMEOUT_MS, …) wherever it uses a setting. Each setting's checks,
// default and README description live in the env-*.ts file of its group.
import { z } from 'zod';
import { ACME_SETTINGS } from './env-acme.ts';
import { DNS_SETTINGS } from './env-dns.ts';
import { HTTP_SETTINGS } from './env-http.ts';
import { OSS_SETTINGS } from './env-oss.ts';
import { RECONCILE_SETTINGS } from './env-reconcile.ts';
import { SERVICE_SETTINGS } from './env-service.ts';
import { STATE_SETTINGS } from './env-state.ts';
import { WEBHOOK_SETTINGS } from './env-webhooks.ts';

/** Every variable, in the order the README's table and start-up errors list them. */
export const envFields = z.object({
  ...SERVICE_SETTINGS,
  ...OSS_SETTINGS,
  ...HTTP_SETTINGS,
  ...DNS_SETTINGS,
  ...STATE_SETTINGS,
  ...ACME_SETTINGS,
  ...RECONCILE_SETTINGS,
  ...WEBHOOK_SETTINGS,
});

/** Values that depend on another variable are settled here, under their own names. */
export const envSchema = envFields.transform((env) => ({
  ...env,
  // Checked in development and tests, where every route test proves the handlers build the documented
  // shape; production serializes the typed objects directly (src/routes/response-serializer.ts).
  RESPONSE_VALIDATION:
    env.RESPONSE_VALIDATION === 'auto'
      ? env.NODE_ENV === 'production'
        ? ('fast' as const)
        : ('strict' as const)
      : env.RESPONSE_VALIDATION,
  // A maximum below the first cool-down would shorten it; the first cool-down is the floor.
  OSS_CIRCUIT_MAX_COOLDOWN_MS: Math.max(env.OSS_CIRCUIT_MAX_COOLDOWN_MS, env.OSS_CIRCUIT_COOLDOWN_MS),
}));

/** The service's configuration: the checked environment, read once at start-up. */
export type Config = z.output<typeof envSchema>;

export type SettingName = keyof z.input<typeof envFields>;

/** Variables whose values never appear in an error message. */
export const SECRET_VARIABLES = new Set<string>([
  'OSS_ACCESS_KEY_SECRET',
  'OSS_SESSION_TOKEN',
  'METRICS_TOKEN',
  'ACME_EAB_HMAC_KEY',
  'DATABASE_URL',
  'CURSOR_SECRET',
  'SECRETS_KEY',
]);
