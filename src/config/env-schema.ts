// The one schema for the environment: variable names, defaults and per-variable checks.
// Defaults are documented in docs/operations.md; keep the two in step.
import { z } from 'zod';
import {
  flag,
  integer,
  oneOf,
  optionalText,
  originList,
  resolverList,
  text,
  trustProxy,
} from './env-fields.ts';

const REGION = /^(oss-)?[a-z0-9]+(-[a-z0-9]+)*$/;

function region() {
  return text('cn-hangzhou')
    .refine((v) => REGION.test(v), { error: 'must be a region id such as cn-hangzhou' })
    .transform((v) => (v.startsWith('oss-') ? v.slice(4) : v));
}

function endpoint() {
  return optionalText().refine((v) => v === undefined || isEndpoint(v), {
    error: 'must be a host or an http(s) URL without a path, e.g. oss-cn-hangzhou.aliyuncs.com',
  });
}

function isEndpoint(value: string): boolean {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `https://${value}`);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search;
  } catch {
    return false;
  }
}

function url() {
  return optionalText().refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/i.test(v), {
    error: 'must be an http(s) URL',
  });
}

export const CREDENTIALS_PROVIDERS = ['static', 'env', 'ecs-ram-role', 'alicloud'] as const;

export const envSchema = z.object({
  NODE_ENV: oneOf(['development', 'production', 'test'], 'development'),
  PORT: integer(8080, 0, 65535),
  HOST: text('0.0.0.0'),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  API_KEYS_FILE: optionalText(),

  OSS_ACCESS_KEY_ID: optionalText(),
  OSS_ACCESS_KEY_SECRET: optionalText(),
  OSS_SESSION_TOKEN: optionalText(),
  OSS_REGION: region(),
  OSS_ENDPOINT: endpoint(),
  OSS_USE_INTERNAL_ENDPOINT: flag(false),
  OSS_SIGNATURE_VERSION: oneOf(['v4', 'v1'], 'v4'),
  OSS_CONNECT_TIMEOUT_MS: integer(5_000, 100, 120_000),
  OSS_READ_TIMEOUT_MS: integer(20_000, 100, 600_000),
  OSS_MAX_ATTEMPTS: integer(3, 1, 10),
  OSS_CREDENTIALS_PROVIDER: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined),
    z.enum(CREDENTIALS_PROVIDERS, { error: `must be one of ${CREDENTIALS_PROVIDERS.join(', ')}` }).optional(),
  ),
  OSS_ECS_ROLE_NAME: optionalText(),
  OSS_ECS_METADATA_URL: url(),
  // Where certificates live in SSL Certificates Service; completes bare numeric certIds.
  OSS_CERT_REGION: region(),

  CORS_ORIGINS: originList(),
  RATE_LIMIT_MAX: integer(600, 1, 1_000_000),
  RATE_LIMIT_ANONYMOUS_MAX: integer(60, 1, 1_000_000),
  RATE_LIMIT_WINDOW_MS: integer(60_000, 1_000, 86_400_000),
  BODY_LIMIT_BYTES: integer(131_072, 1_024, 16_777_216),
  SHUTDOWN_GRACE_MS: integer(10_000, 100, 600_000),
  REQUEST_TIMEOUT_MS: integer(30_000, 100, 600_000),
  MAX_CONNECTIONS: integer(1_024, 1, 1_000_000),
  TRUST_PROXY: trustProxy(),
  METRICS_TOKEN: optionalText().refine((v) => v === undefined || v.length >= 16, {
    error: 'must be at least 16 characters',
  }),
  OSS_CIRCUIT_FAILURES: integer(5, 1, 1_000),
  OSS_CIRCUIT_COOLDOWN_MS: integer(5_000, 100, 600_000),
  OSS_CIRCUIT_MAX_COOLDOWN_MS: integer(30_000, 100, 3_600_000),
  RESPONSE_VALIDATION: oneOf(['auto', 'strict', 'fast'], 'auto'),
  READINESS_CACHE_MS: integer(5_000, 0, 600_000),
  READINESS_TIMEOUT_MS: integer(3_000, 100, 120_000),

  EMULATOR_HOST: text('127.0.0.1'),
  EMULATOR_PORT: integer(9000, 0, 65535),
  EMULATOR_DNS_PORT: integer(9053, 0, 65535),
  EMULATOR_SEED: optionalText(),
  DNS_RESOLVERS: resolverList(),
  DNS_TIMEOUT_MS: integer(2_000, 50, 30_000),
  DNS_CACHE_TTL_MS: integer(30_000, 0, 3_600_000),
  DNS_AUTHORITATIVE_PORT: integer(53, 1, 65535),
  DNS_PREFLIGHT_TIMEOUT_MS: integer(8_000, 100, 120_000),
  CONFLICT_SCAN_MAX_BUCKETS: integer(500, 0, 100_000),
  CONFLICT_SCAN_CACHE_MS: integer(60_000, 0, 3_600_000),
  CURSOR_SECRET: optionalText().refine((v) => v === undefined || v.length >= 16, {
    error: 'must be at least 16 characters',
  }),
});

export type Env = z.output<typeof envSchema>;

/** Variables whose values never appear in an error message. */
export const SECRET_VARIABLES = new Set([
  'OSS_ACCESS_KEY_SECRET',
  'OSS_SESSION_TOKEN',
  'METRICS_TOKEN',
  'CURSOR_SECRET',
]);
