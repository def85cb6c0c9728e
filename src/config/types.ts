// The service's configuration after the environment has been read and checked once at start-up.
// Everything downstream receives this object; nothing else reads process.env.
import type { LevelWithSilent } from 'pino';

export type NodeEnv = 'development' | 'production' | 'test';
export type SignatureVersion = 'v4' | 'v1';

export interface OssCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  sessionToken?: string | undefined;
}

/**
 * Where the service's OSS credentials come from (OSS_CREDENTIALS_PROVIDER): the static key pair, the
 * environment read on every call, the ECS instance's RAM role, or @alicloud/credentials' default chain.
 */
export type CredentialsSource =
  | { kind: 'static' }
  | { kind: 'env' }
  | { kind: 'ecs-ram-role'; roleName: string | undefined; metadataUrl: string | undefined }
  | { kind: 'alicloud' };

export interface OssConfig {
  /**
   * 'remote' signs with real credentials (a key pair or a provider); 'emulator' starts the embedded
   * emulator and signs with its seed.
   */
  mode: 'remote' | 'emulator';
  /** The static key pair: OSS_ACCESS_KEY_*, or the emulator seed's key in emulator mode. */
  credentials: OssCredentials | undefined;
  credentialsSource: CredentialsSource;
  /** SSL Certificates Service region that completes a bare numeric certId (OSS_CERT_REGION). */
  certRegion: string;
  /** General region id (`cn-hangzhou`) used for signing and region discovery. */
  region: string;
  endpoint: string | undefined;
  useInternalEndpoint: boolean;
  signatureVersion: SignatureVersion;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Attempts per OSS call, the first included. */
  maxAttempts: number;
}

export interface EmulatorConfig {
  host: string;
  port: number;
  dnsPort: number;
  seedFile: string | undefined;
}

export interface DnsResolver {
  host: string;
  port: number;
}

/** The DNS pre-flight's lookups. */
export interface DnsConfig {
  /** Per query attempt. */
  timeoutMs: number;
  /** Longest life of a cached answer (record TTLs cap it further); 0 disables the cache. */
  cacheTtlMs: number;
  /** Port the zones' name servers are asked on (53; tests point it at the emulator's DNS). */
  authoritativePort: number;
  /** Budget of one whole pre-flight; checks still open then are reported pending. */
  preflightTimeoutMs: number;
}

/** Finding which bucket of the account holds a domain (ListBuckets + ListCname per bucket). */
export interface ConflictScanConfig {
  /** Buckets scanned at most; 0 turns the scan off. */
  maxBuckets: number;
  /** How long one scan's result is reused. */
  cacheMs: number;
}

export interface RateLimitConfig {
  /** Requests per window for one API key. */
  max: number;
  /** Requests per window for one client address before a key was accepted. */
  anonymousMax: number;
  windowMs: number;
}

/** Fastify's trustProxy: off, on, a hop count, or trusted addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export interface AppConfig {
  env: NodeEnv;
  host: string;
  port: number;
  logLevel: LevelWithSilent;
  apiKeysFile: string | undefined;
  oss: OssConfig;
  emulator: EmulatorConfig;
  /** Resolvers for ownership pre-flight lookups; [] means the system resolvers. */
  dnsResolvers: DnsResolver[];
  dns: DnsConfig;
  conflictScan: ConflictScanConfig;
  corsOrigins: string[];
  rateLimit: RateLimitConfig;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  /** A request must arrive whole within requestTimeoutMs; at most maxConnections sockets at once. */
  connections: { requestTimeoutMs: number; maxConnections: number };
  trustProxy: TrustProxy;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Key for sealing list cursors, shared by every replica; unset: random per process. */
  cursorSecret: string | undefined;
  readiness: { cacheMs: number; timeoutMs: number };
  /** strict: responses re-encoded and checked against their zod schemas; fast: JSON.stringify only. */
  responseValidation: 'strict' | 'fast';
  /** The per-region circuit breaker in front of OSS (docs/threat-model.md). */
  circuitBreaker: { failureThreshold: number; cooldownMs: number; maxCooldownMs: number };
}
