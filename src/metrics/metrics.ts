// Prometheus metrics on a registry owned by one app instance, so tests and several apps in one process
// never share counters. Label values are bounded: route patterns (not URLs), operations, OSS codes.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OssAttemptEvent, OssObserver } from '../oss/types.ts';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const OSS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
const WEBHOOK_LATENCY_BUCKETS = [0.1, 0.5, 1, 5, 30, 60, 300, 1_800, 7_200, 28_800, 86_400];

export type OssOutcome = 'success' | 'error' | 'network-error';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly ossDuration: Histogram<'operation' | 'outcome'>;
  readonly ossErrors: Counter<'operation' | 'code'>;
  readonly ossRetries: Counter<'operation'>;
  readonly authFailures: Counter<'code'>;
  readonly rateLimited: Counter<'kind'>;
  readonly apiKeys: Gauge;
  readonly keyReloads: Counter<'result'>;
  readonly ossReady: Gauge;
  readonly ossCircuit: Gauge<'region'>;
  readonly webhookAttempts: Counter<'outcome'>;
  readonly webhookAttemptDuration: Histogram<'outcome'>;
  readonly webhookLatency: Histogram;
  readonly webhookPending: Gauge;
  /** Counts the pending deliveries when /metrics is scraped (set by the webhooks plugin). */
  webhookBacklog: (() => Promise<number>) | undefined;

  constructor() {
    const { counter, gauge, histogram } = definer(this.registry);
    this.httpDuration = histogram(
      'http_request_duration_seconds',
      'HTTP requests served, by method, route pattern and status code.',
      ['method', 'route', 'status_code'],
      HTTP_BUCKETS,
    );
    this.ossDuration = histogram(
      'oss_request_duration_seconds',
      'Duration of each HTTP attempt to OSS, by operation and outcome.',
      ['operation', 'outcome'],
      OSS_BUCKETS,
    );
    this.ossErrors = counter(
      'oss_request_errors_total',
      'Failed OSS attempts, by operation and OSS (or network) error code.',
      ['operation', 'code'],
    );
    this.ossRetries = counter(
      'oss_retries_total',
      'OSS attempts that failed and were retried, by operation.',
      ['operation'],
    );
    this.authFailures = counter('api_auth_failures_total', 'Requests refused with 401, by problem code.', [
      'code',
    ]);
    this.rateLimited = counter(
      'api_rate_limited_total',
      'Requests refused with 429; kind is "key" (per API key) or "address" (before authentication).',
      ['kind'],
    );
    this.apiKeys = gauge('api_keys_loaded', 'API keys currently accepted.');
    this.keyReloads = counter('api_key_reloads_total', 'Key file reloads (SIGHUP), by result.', ['result']);
    this.ossReady = gauge(
      'oss_ready',
      '1 when the last readiness check reached OSS with accepted credentials, else 0.',
    );
    this.ossCircuit = gauge(
      'oss_circuit_state',
      'Circuit breaker in front of OSS, per region: 0 closed, 1 half-open (one probe call), 2 open (calls answered 503 upstream-unavailable without reaching OSS).',
      ['region'],
    );
    this.webhookAttempts = counter(
      'webhook_delivery_attempts_total',
      'Webhook delivery attempts, by outcome: delivered, retry (another attempt is scheduled), failed (the schedule is spent), disabled (410 Gone).',
      ['outcome'],
    );
    this.webhookAttemptDuration = histogram(
      'webhook_delivery_attempt_duration_seconds',
      'Duration of each webhook delivery attempt, by outcome.',
      ['outcome'],
      OSS_BUCKETS,
    );
    this.webhookLatency = histogram(
      'webhook_delivery_latency_seconds',
      'From the event to its delivery (2xx), retries included.',
      [],
      WEBHOOK_LATENCY_BUCKETS,
    );
    const backlog = () => this.webhookBacklog?.();
    // Counted when scraped rather than kept up to date: the store, not this process, holds the backlog.
    this.webhookPending = new Gauge({
      name: 'webhook_deliveries_pending',
      help: 'Webhook deliveries still to be sent (due now or waiting for their next attempt), counted in the store when scraped.',
      registers: [this.registry],
      async collect() {
        const pending = await backlog()?.catch(() => undefined);
        if (pending !== undefined) this.set(pending);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The OSS client's observer: one histogram sample per attempt, plus error and retry counts. */
  readonly ossObserver: OssObserver = {
    onAttempt: (event: OssAttemptEvent) => {
      const outcome = ossOutcome(event);
      this.ossDuration.observe({ operation: event.operation, outcome }, event.durationMs / 1000);
      if (outcome !== 'success') {
        this.ossErrors.inc({ operation: event.operation, code: event.code ?? `HTTP${event.status ?? ''}` });
      }
      if (event.willRetry) this.ossRetries.inc({ operation: event.operation });
    },
  };
}

function ossOutcome(event: OssAttemptEvent): OssOutcome {
  if (event.status === undefined) return 'network-error';
  return event.status >= 200 && event.status < 300 && event.code === undefined ? 'success' : 'error';
}

/** Metric constructors bound to one registry, so no definition can land on the global one by omission. */
function definer(registry: Registry) {
  const registers = [registry];
  return {
    counter: <T extends string>(name: string, help: string, labelNames: readonly T[]) =>
      new Counter<T>({ name, help, labelNames, registers }),
    gauge: <T extends string>(name: string, help: string, labelNames: readonly T[] = []) =>
      new Gauge<T>({ name, help, labelNames, registers }),
    histogram: <T extends string>(name: string, help: string, labelNames: readonly T[], buckets: number[]) =>
      new Histogram<T>({ name, help, labelNames, buckets, registers }),
  };
}
