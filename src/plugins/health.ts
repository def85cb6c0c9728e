// Unauthenticated operational endpoints: /livez (the process serves HTTP), /readyz (OSS reachable with
// accepted credentials, see ReadinessProbe) and /metrics (Prometheus; a bearer token when configured).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ProblemCode } from '../errors/catalogue.ts';
import { type ProblemError, problem } from '../errors/problem.ts';
import type { ReadinessProbe } from '../health/readiness.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';

export interface HealthOptions {
  readiness: ReadinessProbe;
  metrics: ServiceMetrics;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
}

const hidden = { schema: { hide: true } } as const;

async function health(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const { readiness, metrics } = options;

  app.get('/livez', hidden, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', hidden, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (readiness.shuttingDown) throw notReady('shutting-down', 'The service is shutting down.');
    const state = await readiness.check();
    metrics.ossReady.set(state.ready ? 1 : 0);
    if (!state.ready) {
      throw notReady('not-ready', `OSS is not usable: ${state.code}. Check connectivity and credentials.`, {
        ossCode: state.code,
      });
    }
    return { status: 'ready', checkedAt: new Date(state.checkedAt).toISOString() };
  });

  const expected = options.metricsToken === undefined ? undefined : digest(options.metricsToken);
  app.get('/metrics', hidden, async (request, reply) => {
    if (expected) checkMetricsToken(request.headers.authorization, expected);
    reply.header('cache-control', 'no-store').type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

function notReady(
  code: ProblemCode & ('not-ready' | 'shutting-down'),
  detail: string,
  extensions?: Record<string, unknown>,
): ProblemError {
  return problem(code, detail, { extensions, headers: { 'retry-after': '5' } });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function checkMetricsToken(header: string | undefined, expected: Buffer): void {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return;
  throw problem(
    'invalid-metrics-token',
    'Send the metrics token configured in METRICS_TOKEN as "Authorization: Bearer <token>".',
    { headers: { 'www-authenticate': 'Bearer realm="metrics"' } },
  );
}

export default fp(health, { name: 'health', fastify: '5.x' });
