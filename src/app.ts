// Composes the service: one Fastify instance with logging, errors, security, auth, docs, health and the
// API, built from the configuration. It never listens; server.ts (or a test) does.
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
import type { AppConfig, TrustProxy } from './config/types.ts';
import { ServiceMetrics } from './metrics/metrics.ts';
import type { CnameApi, OssObserver } from './oss/types.ts';
import { useCursorSecret } from './paging/cursor-seal.ts';
import authPlugin from './plugins/auth.ts';
import { connectionOptions, guardConnections } from './plugins/connections.ts';
import errorHandler, { sendProblem, toProblem } from './plugins/error-handler.ts';
import healthPlugin from './plugins/health.ts';
import { createLogger } from './plugins/logging/logger.ts';
import openapiPlugin from './plugins/openapi.ts';
import { createOssClient, requestAwareObserver } from './plugins/oss-client.ts';
import { ReadinessProbe } from './plugins/readiness.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './plugins/request-id.ts';
import requestLog from './plugins/request-log.ts';
import securityPlugin from './plugins/security.ts';
import {
  CIRCUIT_STATE_VALUE,
  type CircuitBreakerOptions,
  GuardedOss,
  ReconcilingOss,
} from './resilience/index.ts';
import apiRoutes from './routes/index.ts';
import { type ResponseValidation, responseSerializerCompiler } from './routes/response-serializer.ts';

export interface AppDeps {
  /** An OSS client, or a factory given the app's observer (so fakes can feed the metrics). */
  oss?: CnameApi | ((observer: OssObserver) => CnameApi) | undefined;
  /** Where log lines go instead of stdout. */
  logStream?: Writable | undefined;
  /** Epoch milliseconds for the readiness cache. */
  clock?: (() => number) | undefined;
  /** Keys to accept when config.apiKeysFile is unset (the development key, tests). */
  apiKeys?: readonly KeyEntry[] | undefined;
  /** The per-region circuit breaker in front of OSS (docs/threat-model.md); its clock defaults to `clock`. */
  circuitBreaker?: CircuitBreakerOptions | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Re-reads API_KEYS_FILE; a broken file keeps the current keys. Logs the outcome. */
    reloadApiKeys(): Promise<ReloadResult>;
    readiness: ReadinessProbe;
    metrics: ServiceMetrics;
  }
}

export function buildApp(config: AppConfig, deps: AppDeps = {}): FastifyInstance {
  const metrics = new ServiceMetrics();
  const keys = config.apiKeysFile
    ? ApiKeyRing.fromFile(config.apiKeysFile)
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
  const readiness = new ReadinessProbe(oss, { ...config.readiness, clock: deps.clock ?? Date.now });
  // The API's calls go through the breaker; readiness asks OSS itself, so it still sees a recovery. Writes
  // whose answer was lost are settled by reading OSS's state (src/resilience/reconciling-oss.ts).
  const guardedOss = new ReconcilingOss(
    new GuardedOss(oss, {
      now: deps.clock,
      ...config.circuitBreaker,
      ...deps.circuitBreaker,
      defaultRegion: config.oss.region,
      onStateChange: (region, state) => metrics.ossCircuit.set({ region }, CIRCUIT_STATE_VALUE[state]),
    }),
  );

  const app = Fastify({
    // pino's Logger is what Fastify expects; only its generic parameters differ.
    loggerInstance: createLogger({ level: config.logLevel, stream: deps.logStream }) as FastifyBaseLogger,
    // Fastify's own two lines per request are replaced by the one line of the request-log plugin.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    ...connectionOptions(config.connections),
    trustProxy: fastifyTrustProxy(config.trustProxy),
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
    schemaController: { compilersFactory: zodCompilers(config.responseValidation) },
  });
  guardConnections(app, config.connections);
  if (config.cursorSecret !== undefined) useCursorSecret(config.cursorSecret);
  app.decorate('metrics', metrics);
  app.decorate('readiness', readiness);
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
  app.register(errorHandler);
  app.register(securityPlugin, { corsOrigins: config.corsOrigins });
  app.register(openapiPlugin);
  app.register(healthPlugin, { readiness, metrics, metricsToken: config.metricsToken });
  app.register(async (api) => {
    await api.register(authPlugin, { keys, rateLimit: config.rateLimit, metrics });
    await api.register(apiRoutes, { oss: guardedOss, config });
  });

  app.addHook('preClose', async () => readiness.markShuttingDown());
  // A keep-alive connection that was busy when close() began would otherwise stay open after its
  // response, and close() would wait for the client's idle timeout instead of the last response.
  app.addHook('onSend', async (_request, reply) => {
    if (readiness.shuttingDown) reply.header('connection', 'close');
  });
  if (ownsOss) app.addHook('onClose', async () => oss.close());
  return app;
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
