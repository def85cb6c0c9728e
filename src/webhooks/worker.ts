// The delivery worker: every tick, fans new outbox events out to matching subscriptions, then sends the
// due deliveries, each held by a lease while it is tried. At least once: a row is settled only after its
// attempt, so a process that dies mid-attempt leaves it to the next worker once the lease runs out, sent
// with the same webhook-id. Timers are unref'd: the worker never keeps the process alive.
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
import { injectTraceparent, withSpan } from '../telemetry/index.ts';
import { deliver } from './deliver.ts';
import { WebhookDeliveries } from './deliveries.ts';
import { envelopeBody } from './envelope.ts';
import { FanOut } from './fanout.ts';
import { afterAttempt, type DeliveryState } from './schedule.ts';
import { signingSecrets } from './secret.ts';
import { WebhookSubscriptions } from './subscriptions.ts';

export interface WorkerLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface WebhookWorkerOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  logger: WorkerLogger;
  now?: () => Date;
  pollMs?: number;
  /** How long a claimed delivery is held; longer than the timeout, so a live attempt keeps it. */
  leaseMs?: number;
  batch?: number;
  gapGraceMs?: number;
  /** Each settled attempt (metrics): the state it left, how long it took, and for a delivery, how long
   * after its event. */
  onAttempt?: (attempt: { state: DeliveryState; durationMs: number; latencyMs: number | null }) => void;
}

interface EventRow extends Record<string, unknown> {
  type: string;
  occurred_at: number | string;
  data: string;
}

export class WebhookWorker {
  readonly owner = `worker_${randomUUID()}`;
  readonly subscriptions: WebhookSubscriptions;
  readonly deliveries: WebhookDeliveries;
  private readonly fanOut: FanOut;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private pokedWhileRunning = false;

  private readonly store: Store;
  private readonly options: WebhookWorkerOptions;

  constructor(store: Store, sealer: Sealer, options: WebhookWorkerOptions) {
    this.store = store;
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.subscriptions = new WebhookSubscriptions(store, sealer);
    this.deliveries = new WebhookDeliveries(store);
    this.fanOut = new FanOut(store, this.subscriptions, this.deliveries, {
      batch: options.batch ?? 100,
      gapGraceMs: options.gapGraceMs ?? 30_000,
      now: this.now,
    });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a tick soon (a redelivery asked for, a subscription created). */
  poke(): void {
    if (this.stopped || this.timer === undefined) return;
    // One pass at a time: a poke during a pass asks for the next one at once.
    if (this.running !== undefined) this.pokedWhileRunning = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One pass: fan out everything new, then try a batch of due deliveries once. True when the batch was
   * full: more may be due, and waiting a poll interval for them would cap delivery at a batch a second.
   */
  async tick(): Promise<boolean> {
    while ((await this.fanOut.run()) > 0) {}
    const batch = this.options.batch ?? 100;
    const due = await this.deliveries.due(this.now(), batch);
    await Promise.all(due.map((key) => this.attempt(key)));
    return due.length >= batch;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      let full = false;
      this.running = this.tick()
        .then((more) => {
          full = more;
        })
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'webhook worker pass failed'))
        .finally(() => {
          this.running = undefined;
          const again = this.pokedWhileRunning || full;
          this.pokedWhileRunning = false;
          if (!this.stopped) this.schedule(again ? 0 : (this.options.pollMs ?? 1_000));
        });
    }, ms).unref();
  }

  private async attempt(key: { subscriptionId: string; eventId: string }): Promise<void> {
    const started = this.now();
    // Four timeouts (60 s by default): a live attempt never outlasts it, and what a replica killed
    // mid-attempt held goes to another after it, as soon as a shorter WEBHOOK_TIMEOUT_MS allows.
    const leaseMs = this.options.leaseMs ?? this.options.timeoutMs * 4;
    const attempt = await this.deliveries.claim(
      key,
      this.owner,
      started,
      new Date(started.getTime() + leaseMs),
    );
    if (attempt === undefined) return;
    const subscription = await this.subscriptions.get(key.subscriptionId);
    const [event] = await this.store.query<EventRow>(
      'SELECT type, occurred_at, data FROM domain_events WHERE id = $1',
      [key.eventId],
    );
    if (subscription === undefined || event === undefined) return;
    let secrets: string[];
    try {
      const stored = await this.subscriptions.secrets(subscription.id);
      if (stored === undefined) return;
      secrets = signingSecrets(stored, started);
    } catch (error) {
      const detail = `the signing secret does not open with SECRETS_KEY: ${(error as Error).message}`;
      const failure = { code: 'webhook-secret-unreadable', detail };
      await this.settle(
        key,
        attempt,
        { verdict: 'retry', status: null, retryAfterMs: null, error: failure },
        started,
      );
      return;
    }
    // The body is rebuilt from the stored event: the same bytes on every attempt.
    const body = envelopeBody(
      event.type,
      new Date(Number(event.occurred_at)),
      JSON.parse(event.data) as object,
    );
    const result = await withSpan(
      'webhook.deliver',
      () =>
        deliver(
          { url: subscription.url, id: key.eventId, body, secrets, headers: injectTraceparent({}) },
          { dispatcher: this.options.dispatcher, timeoutMs: this.options.timeoutMs, now: this.now },
        ),
      {
        // Its own trace: the worker's timer may have been set while some request was being served.
        root: true,
        attributes: {
          'webhook.subscription': subscription.id,
          'webhook.id': key.eventId,
          'webhook.attempt': attempt,
          'webhook.event_type': event.type,
        },
        describe: (outcome) => ({
          'http.response.status_code': outcome.status ?? undefined,
          'webhook.verdict': outcome.verdict,
          'webhook.error_code': outcome.error?.code,
        }),
        failure: (outcome) =>
          outcome.verdict === 'delivered' ? undefined : (outcome.error?.code ?? `answered ${outcome.status}`),
      },
    );
    await this.settle(key, attempt, result, started, new Date(Number(event.occurred_at)));
  }

  private async settle(
    key: { subscriptionId: string; eventId: string },
    attempt: number,
    result: {
      verdict: 'delivered' | 'disable' | 'retry';
      status: number | null;
      retryAfterMs: number | null;
      error: { code: string; detail: string } | null;
    },
    started: Date,
    occurredAt?: Date,
  ): Promise<void> {
    const at = this.now();
    const next = afterAttempt(attempt, result, at);
    const settled = await this.store.transaction(async (tx) => {
      const ok = await this.deliveries.settle(
        tx,
        key,
        this.owner,
        { ...next, status: result.status, error: result.error },
        at,
      );
      if (ok && next.state === 'disabled') {
        await this.subscriptions.disable(tx, key.subscriptionId, 'The receiver answered 410 Gone.');
      }
      return ok;
    });
    if (!settled) return;
    this.options.onAttempt?.({
      state: next.state,
      durationMs: at.getTime() - started.getTime(),
      latencyMs:
        next.state === 'delivered' && occurredAt !== undefined ? at.getTime() - occurredAt.getTime() : null,
    });
    const details = {
      subscription: key.subscriptionId,
      webhookId: key.eventId,
      attempt,
      status: result.status,
      state: next.state,
    };
    if (next.state === 'delivered') this.options.logger.info(details, 'webhook delivered');
    else this.options.logger.warn({ ...details, error: result.error?.code }, 'webhook delivery failed');
  }
}
