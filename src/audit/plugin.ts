// Audits every write request of the API (dry runs and refusals included) and guards writes: with the
// store unreachable they are refused with 503 store-unavailable before any effect, since neither their
// audit entry nor their Idempotency-Key could be kept. Reads do not touch the store.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { storeUnavailable } from '../errors/store-unavailable.ts';
import { WRITE_METHODS } from '../idempotency/index.ts';
import type { Store } from '../store/index.ts';
import type { AuditLog } from './log.ts';
import { auditEntryOf } from './record.ts';

export interface AuditOptions {
  store: Store;
  log: AuditLog;
}

async function audit(app: FastifyInstance, options: AuditOptions): Promise<void> {
  app.addHook('preHandler', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    await options.store.ping().catch((error: unknown) => {
      throw storeUnavailable(error);
    });
  });

  // Written before the answer leaves: a client that saw its answer can find the entry.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!WRITE_METHODS.has(request.method)) return payload;
    try {
      const entry = auditEntryOf(request, reply, payload);
      const change =
        entry.outcome === 'success' && !entry.dryRun && entry.bucket !== null && entry.domain !== null;
      await options.log.append(entry, { beforeFromLog: change });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit entry');
    }
    return payload;
  });
}

export default fp(audit, { name: 'audit', fastify: '5.x' });
