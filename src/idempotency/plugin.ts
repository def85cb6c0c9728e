// Idempotency-Key on every POST, PUT and DELETE of the API. Runs after authentication and validation (a
// refused request never claims its key), claims the key before the handler, and when the answer leaves
// either stores it (sealed) for replay or releases the key: answers given before any effect at OSS other
// than successes (scope refusals, DNS not ready) and 5xx answers are not stored, so the retry runs again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { presentedKey } from '../auth/credentials.ts';
import { storeUnavailable } from '../errors/store-unavailable.ts';
import { currentRequestContext } from '../request/context.ts';
import { fingerprint } from './fingerprint.ts';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './header.ts';
import { idempotencyKeyInUse, idempotencyKeyReused, invalidIdempotencyKey } from './problems.ts';
import type { IdempotencyRecords, KeyRef } from './records.ts';
import { seal, unseal } from './sealed.ts';

export const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
export const REPLAYED_HEADER = 'idempotent-replayed';
const KEPT_HEADERS = ['content-type', 'location', 'etag', 'retry-after'] as const;

export interface IdempotencyOptions {
  records: IdempotencyRecords;
  leaseMs: number;
}

interface Held {
  ref: KeyRef;
  claim: string;
  apiKey: string;
  timer: NodeJS.Timeout;
}

interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's Idempotency-Key, once accepted (for the audit log). */
    idempotencyKey?: string;
  }
}

const kHeld = Symbol('idempotencyClaim');
type Tracked = FastifyRequest & { [kHeld]?: Held | undefined };

async function idempotency(app: FastifyInstance, options: IdempotencyOptions): Promise<void> {
  const { records } = options;

  app.addHook('preHandler', async (request: Tracked, reply: FastifyReply) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const parsed = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    if (parsed.kind === 'none') return;
    if (parsed.kind === 'invalid') throw invalidIdempotencyKey();
    const principal = request.principal;
    const presented = presentedKey(request.headers);
    if (principal === undefined || presented.kind !== 'key') return;
    request.idempotencyKey = parsed.key;
    const ref = { keyId: principal.keyId, idempotencyKey: parsed.key };
    const print = fingerprint({
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      params: request.params,
      query: request.query,
      body: request.body,
    });
    const claim = await records.claim(ref, print).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    if (claim.kind === 'reused') throw idempotencyKeyReused();
    if (claim.kind === 'in-use') throw idempotencyKeyInUse(claim.retryAfterSeconds);
    if (claim.kind === 'replay') {
      const plain = unseal(claim.sealed, presented.key, ref.keyId, ref.idempotencyKey);
      // Sealed with another secret of the same key id (a rotated key): not this caller's answer.
      if (plain === undefined) throw idempotencyKeyReused();
      const stored = JSON.parse(plain) as StoredAnswer;
      reply.headers(stored.headers).header(REPLAYED_HEADER, 'true').code(stored.status);
      return reply.send(stored.body === '' ? undefined : stored.body);
    }
    const timer = setInterval(
      () => {
        records.renew(ref, claim.claim).catch((error: unknown) => {
          request.log.warn({ err: error }, 'could not renew the Idempotency-Key lease');
        });
      },
      Math.max(250, Math.floor(options.leaseMs / 3)),
    );
    timer.unref();
    request[kHeld] = { ref, claim: claim.claim, apiKey: presented.key, timer };
  });

  app.addHook('onSend', async (request: Tracked, reply, payload) => {
    const held = request[kHeld];
    if (held === undefined) return payload;
    request[kHeld] = undefined;
    clearInterval(held.timer);
    const status = reply.statusCode;
    const reachedOss = (currentRequestContext()?.oss.length ?? 0) > 0;
    try {
      if (status < 300 || (status < 500 && reachedOss)) {
        const answer: StoredAnswer = { status, headers: keptHeaders(reply), body: payloadText(payload) };
        const sealed = seal(JSON.stringify(answer), held.apiKey, held.ref.keyId, held.ref.idempotencyKey);
        await records.complete(held.ref, held.claim, status, sealed);
      } else {
        await records.release(held.ref, held.claim);
      }
    } catch (error) {
      // The lease frees the key later; the answer itself is not lost.
      request.log.warn({ err: error }, 'could not record the Idempotency-Key outcome');
    }
    return payload;
  });

  // A request that never reached onSend (a destroyed socket) must not renew its lease forever.
  app.addHook('onResponse', async (request: Tracked) => {
    const held = request[kHeld];
    if (held !== undefined) clearInterval(held.timer);
  });
}

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}

function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return '';
}

export default fp(idempotency, { name: 'idempotency', fastify: '5.x' });
