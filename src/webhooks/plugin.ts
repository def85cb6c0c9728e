// Wires webhooks into the API scope: the subscription and delivery routes and the delivery worker, which
// starts when the app is ready and stops (its in-flight attempts settled) when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config/env-schema.ts';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
import { WebhookDeliveries } from './deliveries.ts';
import { webhookDeliveryRoutes } from './delivery-routes.ts';
import { createWebhookAgent } from './guarded-agent.ts';
import { webhookRoutes } from './routes.ts';
import { WebhookSubscriptions } from './subscriptions.ts';
import { WebhookWorker } from './worker.ts';

export interface WebhooksPluginOptions {
  store: Store;
  /** Seals the secrets; undefined (production without SECRETS_KEY): nothing can be created or sent. */
  sealer: Sealer | undefined;
  config: Pick<Config, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS' | 'WEBHOOK_TIMEOUT_MS'>;
  now?: (() => Date) | undefined;
  /** How often the worker looks for work (default 1 s). */
  pollMs?: number | undefined;
}

async function webhooks(app: FastifyInstance, options: WebhooksPluginOptions): Promise<void> {
  const { store, sealer, config } = options;
  const now = options.now ?? (() => new Date());
  const dispatcher = createWebhookAgent({
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  const worker =
    sealer === undefined
      ? undefined
      : new WebhookWorker(store, sealer, {
          dispatcher,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          logger: app.log,
          now,
          pollMs: options.pollMs,
        });
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
  app.addHook('onReady', async () => worker?.start());
  app.addHook('onClose', async () => {
    await worker?.stop();
    await dispatcher.close();
  });
}

export default fp(webhooks, { name: 'webhooks', fastify: '5.x' });
