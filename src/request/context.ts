// Per-request state reachable from code that never sees the request, such as the OSS client's observer:
// the OSS calls made while serving a request end up on that request's log line.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OssAttemptEvent } from '../oss/types.ts';

export interface OssCallRecord {
  operation: string;
  attempt: number;
  status: number | undefined;
  code: string | undefined;
  requestId: string | undefined;
}

/** A DNS lookup of the pre-flight that failed, and why: for the log line only, never for the answer. */
export interface DnsFailureRecord {
  server: string;
  name: string;
  type: string;
  code: string;
}

export interface RequestScope {
  oss: OssCallRecord[];
  /** Failed pre-flight lookups (issue 19, F5: their codes stay out of answers). */
  dns?: DnsFailureRecord[];
  /** The request's span, when tracing is on (src/telemetry). */
  trace?: { traceId: string; spanId: string };
}

/** Enough for any route's fan-out; beyond it the line says how many were dropped. */
const MAX_OSS_RECORDS = 20;

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestContext(context: RequestScope, callback: () => void): void {
  storage.run(context, callback);
}

export function currentRequestContext(): RequestScope | undefined {
  return storage.getStore();
}

export function recordOssAttempt(event: OssAttemptEvent): void {
  const context = storage.getStore();
  if (!context || context.oss.length >= MAX_OSS_RECORDS) return;
  context.oss.push({
    operation: event.operation,
    attempt: event.attempt,
    status: event.status,
    code: event.code,
    requestId: event.requestId,
  });
}

export function recordDnsFailure(failure: DnsFailureRecord): void {
  const context = storage.getStore();
  if (!context) return;
  context.dns ??= [];
  if (context.dns.length < MAX_OSS_RECORDS) context.dns.push({ ...failure });
}
