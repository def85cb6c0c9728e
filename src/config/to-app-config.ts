// Shapes the checked environment into the AppConfig tree the service passes around.
import type { Env } from './env-schema.ts';
import type { AppConfig } from './types.ts';

export function toAppConfig(env: Env): AppConfig {
  const credentials =
    env.OSS_ACCESS_KEY_ID !== undefined && env.OSS_ACCESS_KEY_SECRET !== undefined
      ? {
          accessKeyId: env.OSS_ACCESS_KEY_ID,
          accessKeySecret: env.OSS_ACCESS_KEY_SECRET,
          sessionToken: env.OSS_SESSION_TOKEN,
        }
      : undefined;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    apiKeysFile: env.API_KEYS_FILE,
    oss: {
      mode: credentials ? 'remote' : 'emulator',
      credentials,
      region: env.OSS_REGION,
      endpoint: env.OSS_ENDPOINT,
      useInternalEndpoint: env.OSS_USE_INTERNAL_ENDPOINT,
      signatureVersion: env.OSS_SIGNATURE_VERSION,
      connectTimeoutMs: env.OSS_CONNECT_TIMEOUT_MS,
      readTimeoutMs: env.OSS_READ_TIMEOUT_MS,
      maxAttempts: env.OSS_MAX_ATTEMPTS,
    },
    emulator: {
      host: env.EMULATOR_HOST,
      port: env.EMULATOR_PORT,
      dnsPort: env.EMULATOR_DNS_PORT,
      seedFile: env.EMULATOR_SEED,
    },
    dnsResolvers: env.DNS_RESOLVERS,
    corsOrigins: env.CORS_ORIGINS,
    rateLimit: {
      max: env.RATE_LIMIT_MAX,
      anonymousMax: env.RATE_LIMIT_ANONYMOUS_MAX,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    readiness: { cacheMs: env.READINESS_CACHE_MS, timeoutMs: env.READINESS_TIMEOUT_MS },
  };
}
