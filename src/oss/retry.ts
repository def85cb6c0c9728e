import { setTimeout as delay } from 'node:timers/promises';
import {
  OssBadErrorResponseError,
  OssError,
  OssNetworkError,
  OssServiceError,
  OssTimeoutError,
} from './errors.ts';

// The official SDKs' retry policy (protocol §5): 3 attempts, full-jitter exponential backoff, retry on
// 5xx/401/408/429, on RequestTimeTooSkewed and BadRequest, and on network failures and timeouts.

export interface RetryOptions {
  /** Attempts including the first; 1 disables retries. */
  maxAttempts?: number | undefined;
  baseDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: (() => number) | undefined;
  /** Waits between attempts; injectable so tests never wait. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal });
}

export function retryPolicy(opts: RetryOptions = {}): RetryPolicy {
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError('maxAttempts must be an integer >= 1');
  return {
    maxAttempts,
    baseDelayMs: opts.baseDelayMs ?? 200,
    maxDelayMs: opts.maxDelayMs ?? 20_000,
    random: opts.random ?? Math.random,
    sleep: opts.sleep ?? defaultSleep,
  };
}

/**
 * Full jitter: `random × min(base × 2^attempt, max)`, where `attempt` counts the attempts already made
 * (1 before the first retry, as the Python SDK counts), so the first retry waits at most 400 ms by default.
 */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return policy.random() * ceiling;
}

const RETRYABLE_STATUS = new Set([401, 408, 429]);
const RETRYABLE_CODES = new Set(['RequestTimeTooSkewed', 'BadRequest']);

/** Whether the failure is worth another attempt at all. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof OssServiceError || err instanceof OssBadErrorResponseError) {
    return err.status >= 500 || RETRYABLE_STATUS.has(err.status) || RETRYABLE_CODES.has(err.code);
  }
  return err instanceof OssNetworkError || err instanceof OssTimeoutError;
}

/**
 * Whether OSS may have acted on the request. A 4xx answer means it refused; a refused or timed-out connect
 * means it never saw it. Everything else (5xx, read timeouts, connections dropped mid-exchange) is
 * ambiguous, and only repeatable operations are retried after it.
 */
export function mayHaveApplied(err: unknown): boolean {
  if (err instanceof OssServiceError || err instanceof OssBadErrorResponseError) return err.status >= 500;
  if (err instanceof OssNetworkError || err instanceof OssTimeoutError) return err.requestSent;
  return !(err instanceof OssError);
}
