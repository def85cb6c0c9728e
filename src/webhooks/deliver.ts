// One delivery attempt: POST the stored body, signed, through the guarded agent, within the timeout,
// and say what happens next. Never throws: every failure is a verdict the delivery worker records.
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { classifyStatus, type DeliveryVerdict } from './classify.ts';
import { parseRetryAfter } from './schedule.ts';
import { signedHeaders } from './signature.ts';

export const DELIVERY_TIMEOUT_MS = 15_000;
/** Receivers' answers are only kept for the delivery log; read no more than this. */
const MAX_RESPONSE_BYTES = 4_096;

export interface DeliveryAttempt {
  url: string;
  /** Stable across retries: the receiver's dedupe key. */
  id: string;
  body: string;
  /** Every secret that signs now (two during a rotation). */
  secrets: string[];
  /** More headers to send, e.g. `traceparent`; never overrides the signature headers. */
  headers?: Record<string, string>;
}

export interface DeliveryResult {
  verdict: DeliveryVerdict;
  /** The receiver's status, or null when no answer came. */
  status: number | null;
  retryAfterMs: number | null;
  /** Why it failed without an answer (timeout, refused target, connection error). */
  error: { code: string; detail: string } | null;
  /** The first bytes of the answer, for the delivery log. */
  responseExcerpt: string;
  durationMs: number;
}

export interface DeliverOptions {
  dispatcher: Dispatcher;
  timeoutMs?: number;
  now?: () => Date;
}

export async function deliver(attempt: DeliveryAttempt, options: DeliverOptions): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = now();
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = () => now().getTime() - started.getTime();
  try {
    const response = await request(attempt.url, {
      method: 'POST',
      body: attempt.body,
      headers: {
        ...attempt.headers,
        ...signedHeaders(attempt.secrets, attempt.id, started, attempt.body),
        'user-agent': 'oss-cname-service-webhooks',
      },
      dispatcher: options.dispatcher,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const responseExcerpt = await readExcerpt(response.body);
    const verdict = classifyStatus(response.statusCode);
    return {
      verdict,
      status: response.statusCode,
      retryAfterMs: verdict === 'retry' ? parseRetryAfter(response.headers['retry-after'], now()) : null,
      error: null,
      responseExcerpt,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      verdict: 'retry',
      status: null,
      retryAfterMs: null,
      error: describe(error, signal),
      responseExcerpt: '',
      durationMs: elapsed(),
    };
  }
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

function describe(error: unknown, signal: AbortSignal): { code: string; detail: string } {
  if (signal.aborted) return { code: 'webhook-timeout', detail: 'The receiver did not answer in time.' };
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const found = [e, e.cause].find((x) => x?.code === 'webhook-target-forbidden');
  if (found !== undefined) return { code: 'webhook-target-forbidden', detail: found.message ?? '' };
  if (
    e.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    e.code === 'UND_ERR_BODY_TIMEOUT' ||
    e.code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return { code: 'webhook-timeout', detail: 'The receiver did not answer in time.' };
  }
  return { code: 'webhook-unreachable', detail: `${e.code ?? 'error'}: ${e.message ?? String(error)}` };
}
