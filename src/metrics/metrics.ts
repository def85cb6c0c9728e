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
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests served, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.ossDuration = new Histogram({
      name: 'oss_request_duration_seconds',
      help: 'Duration of each HTTP attempt to OSS, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: OSS_BUCKETS,
      registers,
    });
    this.ossErrors = new Counter({
      name: 'oss_request_errors_total',
      help: 'Failed OSS attempts, by operation and OSS (or network) error code.',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.ossRetries = new Counter({
      name: 'oss_retries_total',
      help: 'OSS attempts that failed and were retried, by operation.',
      labelNames: ['operation'],
      registers,
    });
    this.authFailures = new Counter({
      name: 'api_auth_failures_total',
      help: 'Requests refused with 401, by problem code.',
      labelNames: ['code'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'api_rate_limited_total',
      help: 'Requests refused with 429; kind is "key" (per API key) or "address" (before authentication).',
      labelNames: ['kind'],
      registers,
    });
    this.apiKeys = new Gauge({ name: 'api_keys_loaded', help: 'API keys currently accepted.', registers });
    this.keyReloads = new Counter({
      name: 'api_key_reloads_total',
      help: 'Key file reloads (SIGHUP), by result.',
      labelNames: ['result'],
      registers,
    });
    this.ossReady = new Gauge({
      name: 'oss_ready',
      help: '1 when the last readiness check reached OSS with accepted credentials, else 0.',
      registers,
    });
    this.ossCircuit = new Gauge({
      name: 'oss_circuit_state',
      help: 'Circuit breaker in front of OSS, per region: 0 closed, 1 half-open (one probe call), 2 open (calls answered 503 upstream-unavailable without reaching OSS).',
      labelNames: ['region'],
      registers,
    });
    this.webhookAttempts = new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts, by outcome: delivered, retry (another attempt is scheduled), failed (the schedule is spent), disabled (410 Gone).',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookAttemptDuration = new Histogram({
      name: 'webhook_delivery_attempt_duration_seconds',
      help: 'Duration of each webhook delivery attempt, by outcome.',
      labelNames: ['outcome'],
      buckets: OSS_BUCKETS,
      registers,
    });
    this.webhookLatency = new Histogram({
      name: 'webhook_delivery_latency_seconds',
      help: 'From the event to its delivery (2xx), retries included.',
      buckets: WEBHOOK_LATENCY_BUCKETS,
      registers,
    });
    const backlog = () => this.webhookBacklog?.();
    this.webhookPending = new Gauge({
      name: 'webhook_deliveries_pending',
      help: 'Webhook deliveries still to be sent (due now or waiting for their next attempt), counted in the store when scraped.',
      registers,
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
