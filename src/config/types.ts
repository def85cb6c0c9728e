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

export interface OssConfig {
  /** 'remote' signs with OSS_ACCESS_KEY_*; 'emulator' starts the embedded emulator and signs with its seed. */
  mode: 'remote' | 'emulator';
  credentials: OssCredentials | undefined;
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
  corsOrigins: string[];
  rateLimit: RateLimitConfig;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  trustProxy: TrustProxy;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  readiness: { cacheMs: number; timeoutMs: number };
}
