// What one OSS call says about OSS's health, as the circuit breaker counts it. Only signs that OSS itself
// is struggling count against it (5xx, throttling, timeouts, broken connections); an answer that refuses
// the caller (NoSuchBucket, NeedVerifyDomainOwnership, …) or our credentials proves OSS is up. Failures
// that say nothing about OSS (the caller aborted, no local credentials, input refused before sending, a
// 2xx body we could not read) leave the count alone.
import { OssBadErrorResponseError, OssNetworkError, OssServiceError, OssTimeoutError } from './errors.ts';

export type HealthVerdict = 'healthy' | 'unhealthy' | 'neutral';

export function healthVerdict(error: unknown): HealthVerdict {
  if (error instanceof OssServiceError || error instanceof OssBadErrorResponseError) {
    // 429: OSS sheds load; backing off is what it asks for.
    return error.status >= 500 || error.status === 429 ? 'unhealthy' : 'healthy';
  }
  if (error instanceof OssTimeoutError || error instanceof OssNetworkError) return 'unhealthy';
  return 'neutral';
}
