// The one composition root: builds every part of the service from the configuration (metrics, API keys,
// the OSS client and its guards, readiness, the services, the DNS pre-flight) and one Fastify instance
// with logging, errors, security, auth, docs, health and the API routes. It never listens; the process
// entry (or a test) does.
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { KeyEntry } from './auth/key-file.ts';
import { ApiKeyRing, type ReloadResult } from './auth/key-ring.ts';
import { composeCertificateWatch } from './cert-watch/index.ts';
import type { CertificateDriver } from './certificates/index.ts';
import type { TrustProxy } from './config/env-fields.ts';
import type { Config } from './config/env-schema.ts';
import { createOssClient, requestAwareObserver } from './config/oss-client.ts';
import { ReadinessProbe } from './health/readiness.ts';
import { createLogger } from './logging/logger.ts';
import { ServiceMetrics } from './metrics/metrics.ts';
import { layered, type OssInvoker } from './oss/index.ts';
import type { OssObserver } from './oss/types.ts';
import { useCursorSecret } from './paging/cursor-seal.ts';
import authPlugin from './plugins/auth.ts';
import { connectionOptions, guardConnections } from './plugins/connections.ts';
import durableState from './plugins/durable-state.ts';
import errorHandler, { sendProblem, toProblem } from './plugins/error-handler.ts';
import healthPlugin from './plugins/health.ts';
import openapiPlugin from './plugins/openapi.ts';
import requestLog from './plugins/request-log.ts';
import securityPlugin from './plugins/security.ts';
import { composeManagedDomains } from './reconciler/index.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './request/id.ts';
import {
  BreakerLayer,
  CIRCUIT_STATE_VALUE,
  type CircuitBreakerOptions,
  settleLayer,
} from './resilience/index.ts';
import {
  cnameCheckRoutes,
  cnameReadRoutes,
  cnameTokenRoutes,
  cnameWriteRoutes,
  domainRoutes,
  guardManagedCnames,
} from './routes/index.ts';
import { type ResponseValidation, responseSerializerCompiler } from './routes/response-serializer.ts';
import { createSealer, parseSecretsKey, type Sealer } from './secrets/index.ts';
import {
  AccountBindings,
  BindingService,
  ChecksService,
  DnsInspector,
  OssAccess,
  OwnershipGate,
  type Services,
  ShareGate,
  TokenService,
} from './services/index.ts';
import { openMemoryStore, type Store, TokenShares } from './store/index.ts';
import { tracingPlugin } from './telemetry/index.ts';
import { webhooksPlugin } from './webhooks/index.ts';

export interface AppDeps {
  /** An OSS client, or a factory given the app's observer (so fakes can feed the metrics). */
  oss?: OssInvoker | ((observer: OssObserver) => OssInvoker) | undefined;
  /** Where log lines go instead of stdout. */
  logStream?: Writable | undefined;
  /** Epoch milliseconds for the readiness cache. */
  clock?: (() => number) | undefined;
  /** Keys to accept when API_KEYS_FILE is unset (the development key, tests). */
  apiKeys?: readonly KeyEntry[] | undefined;
  /** The per-region circuit breaker in front of OSS (docs/threat-model.md); its clock defaults to `clock`. */
  circuitBreaker?: CircuitBreakerOptions | undefined;
  /** The durable state (openStore, already migrated); without one an in-memory store is used. */
  store?: Store | undefined;
  /** Managed certificates (ACME); without it `certificate: "managed"` is managed-certificates-unavailable. */
  certificates?: CertificateDriver | undefined;
  /** Seals webhook secrets (lifecycle.ts loads SECRETS_KEY or the emulator's key); see webhookSealer. */
  sealer?: Sealer | undefined;
  /** The webhook worker's clock and poll interval (tests). */
  webhooks?: { now?: () => Date; pollMs?: number } | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Re-reads API_KEYS_FILE; a broken file keeps the current keys. Logs the outcome. */
    reloadApiKeys(): Promise<ReloadResult>;
    readiness: ReadinessProbe;
    metrics: ServiceMetrics;
    store: Store;
  }
}

export function buildApp(config: Config, deps: AppDeps = {}): FastifyInstance {
  const metrics = new ServiceMetrics();
  const keys = config.API_KEYS_FILE
    ? ApiKeyRing.fromFile(config.API_KEYS_FILE)
    : ApiKeyRing.fromEntries(deps.apiKeys ?? []);
  metrics.apiKeys.set(keys.size);
  const observer = requestAwareObserver(metrics.ossObserver);
  const ownsOss = deps.oss === undefined;
  const oss =
    deps.oss === undefined
      ? createOssClient(config, observer)
      : typeof deps.oss === 'function'
        ? deps.oss(observer)
        : deps.oss;
  const readiness = new ReadinessProbe(oss, {
    cacheMs: config.READINESS_CACHE_MS,
    timeoutMs: config.READINESS_TIMEOUT_MS,
    clock: deps.clock ?? Date.now,
  });
  // The API's calls go through the breaker; readiness asks OSS itself, so it still sees a recovery. Writes
  // whose answer was lost are settled by reading OSS's state (src/resilience/settle-layer.ts).
  const breaker = new BreakerLayer({
    now: deps.clock,
    failureThreshold: config.OSS_CIRCUIT_FAILURES,
    cooldownMs: config.OSS_CIRCUIT_COOLDOWN_MS,
    maxCooldownMs: config.OSS_CIRCUIT_MAX_COOLDOWN_MS,
    ...deps.circuitBreaker,
    defaultRegion: config.OSS_REGION,
    onStateChange: (region, state) => metrics.ossCircuit.set({ region }, CIRCUIT_STATE_VALUE[state]),
  });
  const ownsStore = deps.store === undefined;
  const store = deps.store ?? openMemoryStore();
  const services = createServices(layered(oss, [breaker, settleLayer]), config, {
    shares: new TokenShares(store),
    now: deps.clock,
  });

  const app = Fastify({
    // pino's Logger is what Fastify expects; only its generic parameters differ.
    loggerInstance: createLogger({ level: config.LOG_LEVEL, stream: deps.logStream }) as FastifyBaseLogger,
    // Fastify's own two lines per request are replaced by the one line of the request-log plugin.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    ...connectionOptions(config),
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    // During shutdown a request arriving on an open keep-alive connection is served (and its connection
    // closed after it) rather than answered with Fastify's plain-JSON 503: no request is lost.
    return503OnClosing: false,
    // The router's own refusals (bad percent-encoding, over-long segments) would otherwise answer plain
    // JSON without a problem code or request id. No hooks run for them, so the id header is set here.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply.header(REQUEST_ID_HEADER, request.id), toProblem(error)),
    // Room for any domain name in a path segment: 253 characters, or more once Unicode is percent-encoded.
    routerOptions: { maxParamLength: 2_048 },
    // zod validates and serializes; given here rather than through setValidatorCompiler, Fastify never
    // loads its default Ajv and fast-json-stringify compilers (some 25 ms of every start, and memory).
    schemaController: { compilersFactory: zodCompilers(config.RESPONSE_VALIDATION) },
  });
  guardConnections(app, config);
  if (config.CURSOR_SECRET !== undefined) useCursorSecret(config.CURSOR_SECRET);
  app.decorate('metrics', metrics);
  app.decorate('readiness', readiness);
  app.decorate('store', store);
  const domains = composeManagedDomains(app, {
    store,
    oss: services.oss,
    config,
    certificates: deps.certificates,
    shares: services.shares,
    clock: deps.clock,
  });
  const certificateWatch = composeCertificateWatch(app, {
    store,
    oss: services.oss,
    config,
    clock: deps.clock,
  });
  app.decorate('reloadApiKeys', async () => {
    const result = await keys.reload();
    metrics.keyReloads.inc({ result: result.ok ? 'success' : 'failure' });
    metrics.apiKeys.set(keys.size);
    if (result.ok) app.log.info({ keys: result.keys }, 'API keys reloaded');
    else
      app.log.error(
        { error: result.error, keys: result.keys },
        'API key reload failed; keeping the previous keys',
      );
    return result;
  });
  if (keys.size === 0) app.log.warn('no API keys are configured: every API request will be refused with 401');

  app.register(requestLog, { metrics });
  app.register(tracingPlugin);
  app.register(errorHandler);
  app.register(securityPlugin, { corsOrigins: config.CORS_ORIGINS });
  app.register(openapiPlugin);
  app.register(healthPlugin, { readiness, metrics, metricsToken: config.METRICS_TOKEN, store });
  app.register(async (api) => {
    await api.register(authPlugin, { keys, rateLimit: config, metrics });
    await api.register(durableState, { store, migrate: ownsStore, clock: deps.clock, config });
    // zod validates requests and serializes responses for every API route.
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(responseSerializerCompiler(config.RESPONSE_VALIDATION));
    cnameTokenRoutes(api, services);
    cnameReadRoutes(api, services);
    cnameWriteRoutes(api, services, certificateWatch);
    cnameCheckRoutes(api, services);
    domainRoutes(api, domains);
    guardManagedCnames(api, domains);
    await api.register(webhooksPlugin, {
      store,
      sealer: deps.sealer ?? webhookSealer(config, ownsStore),
      config,
      metrics,
      ...deps.webhooks,
    });
  });

  app.addHook('preClose', async () => readiness.markShuttingDown());
  // A keep-alive connection that was busy when close() began would otherwise stay open after its
  // response, and close() would wait for the client's idle timeout instead of the last response.
  app.addHook('onSend', async (_request, reply) => {
    if (readiness.shuttingDown) reply.header('connection', 'close');
  });
  if (ownsOss) app.addHook('onClose', async () => oss.close());
  if (ownsStore) app.addHook('onClose', async () => store.close());
  return app;
}

/**
 * Without a sealer from the entry: SECRETS_KEY when set; a key in memory for an in-memory store (its
 * secrets die with it); otherwise none, and webhook subscriptions cannot be created.
 */
function webhookSealer(config: Config, inMemory: boolean): Sealer | undefined {
  if (config.SECRETS_KEY !== undefined) return createSealer([parseSecretsKey(config.SECRETS_KEY)]);
  return inMemory ? createSealer([randomBytes(32)]) : undefined;
}

/** One way into OSS (with its region cache), one DNS pre-flight (its lookup cache spans requests), one
 * account-wide binding index, one count of each key's ownership tokens (in the durable state). */
function createServices(
  client: OssInvoker,
  config: Config,
  state: { shares: TokenShares; now: (() => number) | undefined },
): Services {
  const oss = new OssAccess(client, {
    defaultRegion: config.OSS_REGION,
    listingMaxAgeMs: config.CNAME_CACHE_MS,
    now: state.now,
  });
  const dns = new DnsInspector({
    resolvers: config.DNS_RESOLVERS,
    authoritativePort: config.DNS_AUTHORITATIVE_PORT,
    timeoutMs: config.DNS_TIMEOUT_MS,
    cacheTtlMs: config.DNS_CACHE_TTL_MS,
    preflightTimeoutMs: config.DNS_PREFLIGHT_TIMEOUT_MS,
  });
  const accounts = new AccountBindings(oss, {
    maxBuckets: config.CONFLICT_SCAN_MAX_BUCKETS,
    cacheMs: config.CONFLICT_SCAN_CACHE_MS,
  });
  const gate = new OwnershipGate(dns, accounts);
  const shares = new ShareGate({ ...state, perKey: config.TOKENS_PER_KEY_PER_BUCKET });
  return {
    oss,
    tokens: new TokenService(oss, dns, shares),
    bindings: new BindingService(oss, gate, accounts, {
      defaultCertRegion: config.OSS_CERT_REGION,
      shares,
    }),
    checks: new ChecksService(oss, dns, accounts),
    shares,
  };
}

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

// Fastify types these factories after Ajv's; the zod compilers fit the calls Fastify makes.
function zodCompilers(responseValidation: ResponseValidation): CompilersFactory {
  const serializer = responseSerializerCompiler(responseValidation);
  return {
    buildValidator: () => validatorCompiler,
    buildSerializer: () => serializer,
  } as unknown as CompilersFactory;
}

/** A hop count becomes proxy-addr's trust function: trust the nearest n addresses in X-Forwarded-For. */
function fastifyTrustProxy(
  value: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}
