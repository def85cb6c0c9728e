// Authentication and rate limiting for the API routes, in one onRequest hook so their order is fixed:
// identify the key, count the request (per key when one was accepted, per client address otherwise),
// then refuse a missing or unknown key. Unauthenticated floods are therefore limited too, and every
// refusal happens before the body is read.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { presentedKey } from '../auth/credentials.ts';
import type { ApiKeyRing } from '../auth/key-ring.ts';
import { invalidApiKey, missingApiKey } from '../auth/problems.ts';
import type { Config } from '../config/env-schema.ts';
import { type ProblemError, problem } from '../errors/problem.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';

export interface AuthOptions {
  keys: ApiKeyRing;
  rateLimit: Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_ANONYMOUS_MAX' | 'RATE_LIMIT_WINDOW_MS'>;
  metrics: ServiceMetrics;
}

const KEY_PREFIX = 'key:';

async function auth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const { keys, metrics } = options;
  await app.register(rateLimit, {
    global: false,
    timeWindow: options.rateLimit.RATE_LIMIT_WINDOW_MS,
    max: (_request, key) =>
      key.startsWith(KEY_PREFIX)
        ? options.rateLimit.RATE_LIMIT_MAX
        : options.rateLimit.RATE_LIMIT_ANONYMOUS_MAX,
    keyGenerator: (request) =>
      request.principal ? `${KEY_PREFIX}${request.principal.keyId}` : `address:${request.ip}`,
    onExceeded: (request) => metrics.rateLimited.inc({ kind: request.principal ? 'key' : 'address' }),
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  const limit = app.rateLimit();

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = identify(request, keys);
    await limit.call(app, request, reply);
    if (refusal) {
      metrics.authFailures.inc({ code: refusal.code });
      throw refusal;
    }
  });
}

/** Sets request.principal, or returns the 401 to answer once the request has been counted. */
function identify(request: FastifyRequest, keys: ApiKeyRing): ProblemError | undefined {
  const presented = presentedKey(request.headers);
  if (presented.kind === 'none') return missingApiKey();
  if (presented.kind === 'malformed') return invalidApiKey(presented.reason);
  const principal = keys.authenticate(presented.key);
  if (!principal) return invalidApiKey();
  request.principal = principal;
  return undefined;
}

function tooManyRequests(retryAfterSeconds: number): ProblemError {
  return problem(
    'rate-limited',
    `You sent too many requests; wait ${retryAfterSeconds} s (the Retry-After header) and try again.`,
    { headers: { 'retry-after': String(retryAfterSeconds) }, extensions: { retryAfterSeconds } },
  );
}

export default fp(auth, { name: 'auth', fastify: '5.x' });
