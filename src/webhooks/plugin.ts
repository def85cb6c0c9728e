// Wires webhooks into the API scope: the subscription and delivery routes and the delivery worker, which
// starts when the app is ready and stops (its in-flight attempts settled) when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config/env-schema.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
import { WebhookDeliveries } from './deliveries.ts';
import { webhookDeliveryRoutes } from './delivery-routes.ts';
import { createWebhookAgent } from './guarded-agent.ts';
import { pendingDeliveries, pruneDelivered } from './housekeeping.ts';
import { webhookRoutes } from './routes.ts';
import { WebhookSubscriptions } from './subscriptions.ts';
import { WebhookWorker } from './worker.ts';

export interface WebhooksPluginOptions {
  store: Store;
  /** Seals the secrets; undefined (production without SECRETS_KEY): nothing can be created or sent. */
  sealer: Sealer | undefined;
  config: Pick<
    Config,
    'WEBHOOK_ALLOW_PRIVATE_NETWORKS' | 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_DELIVERY_RETENTION_DAYS'
  >;
  /** Attempts, latency and the backlog on /metrics. */
  metrics?: ServiceMetrics | undefined;
  now?: (() => Date) | undefined;
  /** How often the worker looks for work (default 1 s). */
  pollMs?: number | undefined;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

async function webhooks(app: FastifyInstance, options: WebhooksPluginOptions): Promise<void> {
  const { store, sealer, config } = options;
  const now = options.now ?? (() => new Date());
  const dispatcher = createWebhookAgent({
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  const { metrics } = options;
  const worker =
    sealer === undefined
      ? undefined
      : new WebhookWorker(store, sealer, {
          dispatcher,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          logger: app.log,
          now,
          pollMs: options.pollMs,
          onAttempt: (a) => {
            const outcome = a.state === 'pending' ? 'retry' : a.state;
            metrics?.webhookAttempts.inc({ outcome });
            metrics?.webhookAttemptDuration.observe({ outcome }, a.durationMs / 1000);
            if (a.latencyMs !== null) metrics?.webhookLatency.observe(a.latencyMs / 1000);
          },
        });
  if (metrics !== undefined) metrics.webhookBacklog = () => pendingDeliveries(store);
  const routeOptions = {
    subscriptions: worker?.subscriptions ?? new WebhookSubscriptions(store, undefined),
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    now,
    poke: () => worker?.poke(),
  };
  webhookRoutes(app, routeOptions);
  webhookDeliveryRoutes(app, {
    ...routeOptions,
    deliveries: worker?.deliveries ?? new WebhookDeliveries(store),
  });
  // The delivery log is pruned like the audit log: at start and hourly, by every replica (idempotent).
  const prune = async () => {
    try {
      const pruned = await pruneDelivered(store, config.WEBHOOK_DELIVERY_RETENTION_DAYS, now());
      if (pruned > 0) app.log.info({ deliveries: pruned }, 'pruned delivered webhook deliveries');
    } catch (error) {
      app.log.warn({ err: error }, 'pruning webhook deliveries failed; retrying in an hour');
    }
  };
  let pruning: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    worker?.start();
    void prune();
    pruning = setInterval(prune, PRUNE_EVERY_MS).unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(pruning);
    await worker?.stop();
    await dispatcher.close();
  });
}

export default fp(webhooks, { name: 'webhooks', fastify: '5.x' });
