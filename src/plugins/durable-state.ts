// Wires the durable state into the API scope: the audit log and the write guard, Idempotency-Key, GET
// /audit, and the pruning of expired keys, old audit entries and expired token shares (hourly, never
// keeping the process alive).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AuditLog, auditPlugin, auditRoutes } from '../audit/index.ts';
import type { Config } from '../config/env-schema.ts';
import { IdempotencyRecords, idempotencyPlugin } from '../idempotency/index.ts';
import { migrate, type Store, TokenShares } from '../store/index.ts';
import { hours } from '../time/durations.ts';

export interface DurableStateOptions {
  store: Store;
  /** Bring the schema up to date first (an in-memory store); a store from openStore already is. */
  migrate: boolean;
  config: Pick<Config, 'IDEMPOTENCY_TTL_HOURS' | 'IDEMPOTENCY_LEASE_MS' | 'AUDIT_RETENTION_DAYS'>;
  clock?: (() => number) | undefined;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

async function durableState(app: FastifyInstance, options: DurableStateOptions): Promise<void> {
  const { store, config } = options;
  const now = options.clock ?? Date.now;
  if (options.migrate) await migrate(store);
  const records = new IdempotencyRecords(store, {
    leaseMs: config.IDEMPOTENCY_LEASE_MS,
    ttlMs: hours(config.IDEMPOTENCY_TTL_HOURS),
    now,
  });
  const log = new AuditLog(store, now);
  await app.register(auditPlugin, { store, log });
  await app.register(idempotencyPlugin, { records, leaseMs: config.IDEMPOTENCY_LEASE_MS });
  auditRoutes(app, log);

  const prune = async () => {
    try {
      const keys = await records.prune();
      const entries = await log.prune(config.AUDIT_RETENTION_DAYS);
      const tokenShares = await new TokenShares(store).prune(now());
      if (keys + entries + tokenShares > 0)
        app.log.info(
          { keys, entries, tokenShares },
          'pruned expired idempotency keys, audit entries and token shares',
        );
    } catch (error) {
      app.log.warn({ err: error }, 'pruning the store failed; retrying in an hour');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    void prune();
    timer = setInterval(prune, PRUNE_EVERY_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

export default fp(durableState, { name: 'durable-state', fastify: '5.x' });
