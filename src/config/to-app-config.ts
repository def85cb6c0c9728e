// Shapes the checked environment into the AppConfig tree the service passes around.
import type { Env } from './env-schema.ts';
import type { AppConfig, CredentialsSource } from './types.ts';

/** OSS_CREDENTIALS_PROVIDER, or `static` when unset (emulator mode when no key pair is set either). */
export function credentialsSource(env: Env): CredentialsSource {
  switch (env.OSS_CREDENTIALS_PROVIDER) {
    case 'env':
      return { kind: 'env' };
    case 'ecs-ram-role':
      return { kind: 'ecs-ram-role', roleName: env.OSS_ECS_ROLE_NAME, metadataUrl: env.OSS_ECS_METADATA_URL };
    case 'alicloud':
      return { kind: 'alicloud' };
    default:
      return { kind: 'static' };
  }
}

/** Remote mode: a static key pair, or any provider other than static (which finds credentials itself). */
export function usesRealOss(env: Env): boolean {
  const pair = env.OSS_ACCESS_KEY_ID !== undefined && env.OSS_ACCESS_KEY_SECRET !== undefined;
  return pair || credentialsSource(env).kind !== 'static';
}

export function toAppConfig(env: Env): AppConfig {
  const source = credentialsSource(env);
  const credentials =
    source.kind === 'static' && env.OSS_ACCESS_KEY_ID !== undefined && env.OSS_ACCESS_KEY_SECRET !== undefined
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
      mode: usesRealOss(env) ? 'remote' : 'emulator',
      credentials,
      credentialsSource: source,
      certRegion: env.OSS_CERT_REGION,
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
    dns: {
      timeoutMs: env.DNS_TIMEOUT_MS,
      cacheTtlMs: env.DNS_CACHE_TTL_MS,
      authoritativePort: env.DNS_AUTHORITATIVE_PORT,
      preflightTimeoutMs: env.DNS_PREFLIGHT_TIMEOUT_MS,
    },
    conflictScan: { maxBuckets: env.CONFLICT_SCAN_MAX_BUCKETS, cacheMs: env.CONFLICT_SCAN_CACHE_MS },
    corsOrigins: env.CORS_ORIGINS,
    rateLimit: {
      max: env.RATE_LIMIT_MAX,
      anonymousMax: env.RATE_LIMIT_ANONYMOUS_MAX,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    connections: { requestTimeoutMs: env.REQUEST_TIMEOUT_MS, maxConnections: env.MAX_CONNECTIONS },
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    cursorSecret: env.CURSOR_SECRET,
    readiness: { cacheMs: env.READINESS_CACHE_MS, timeoutMs: env.READINESS_TIMEOUT_MS },
    // Checked in development and tests, where every route test proves the handlers build the documented
    // shape; production serializes the typed objects directly (src/routes/response-serializer.ts).
    responseValidation:
      env.RESPONSE_VALIDATION === 'auto'
        ? env.NODE_ENV === 'production'
          ? 'fast'
          : 'strict'
        : env.RESPONSE_VALIDATION,
    circuitBreaker: {
      failureThreshold: env.OSS_CIRCUIT_FAILURES,
      cooldownMs: env.OSS_CIRCUIT_COOLDOWN_MS,
      // A maximum below the first cool-down would shorten it; the first cool-down is the floor.
      maxCooldownMs: Math.max(env.OSS_CIRCUIT_MAX_COOLDOWN_MS, env.OSS_CIRCUIT_COOLDOWN_MS),
    },
  };
}
