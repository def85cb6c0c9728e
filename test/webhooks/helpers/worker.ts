// A webhook worker on a real store, with a clock the test moves, and events appended as the reconciler
// appends them (appendEvents inside a transaction).
import { randomBytes } from 'node:crypto';
import type { DomainEvent } from '../../../src/domains/index.ts';
import { appendEvents } from '../../../src/events/index.ts';
import { createSealer, type Sealer } from '../../../src/secrets/index.ts';
import type { Store } from '../../../src/store/index.ts';
import { createWebhookAgent, WebhookWorker } from '../../../src/webhooks/index.ts';

export class TestClock {
  time = Date.now();
  readonly now = () => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface WorkerKit {
  worker: WebhookWorker;
  clock: TestClock;
  sealer: Sealer;
  logs: string[];
  close(): Promise<void>;
}

export function startWorker(
  store: Store,
  options: {
    allowPrivateNetworks?: boolean;
    clock?: TestClock;
    sealer?: Sealer;
    timeoutMs?: number;
    gapGraceMs?: number;
    batch?: number;
    pollMs?: number;
  } = {},
): WorkerKit {
  const clock = options.clock ?? new TestClock();
  const sealer = options.sealer ?? createSealer([randomBytes(32)]);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const dispatcher = createWebhookAgent({
    allowPrivateNetworks: options.allowPrivateNetworks ?? true,
    timeoutMs,
  });
  const logs: string[] = [];
  const logger = {
    info: (d: object, m: string) => logs.push(JSON.stringify({ ...d, m })),
    warn: (d: object, m: string) => logs.push(JSON.stringify({ ...d, m })),
  };
  const worker = new WebhookWorker(store, sealer, {
    dispatcher,
    timeoutMs,
    logger,
    now: clock.now,
    gapGraceMs: options.gapGraceMs ?? 0,
    ...(options.batch === undefined ? {} : { batch: options.batch }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  return {
    worker,
    clock,
    sealer,
    logs,
    close: async () => {
      await worker.stop();
      await dispatcher.close();
    },
  };
}

export function domainEvent(type: DomainEvent['type'], bucket: string, domain: string): DomainEvent {
  return {
    type,
    bucket,
    domain,
    at: new Date(),
    data: { domain, bucket, status: 'bound', ready: true } as never,
  };
}

export async function publish(store: Store, events: DomainEvent[]): Promise<string[]> {
  return store.transaction((tx) => appendEvents(tx, events));
}
