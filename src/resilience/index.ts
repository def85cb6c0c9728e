// Resilience in front of OSS: the per-region circuit breaker the app wraps its OSS client in.
export {
  CIRCUIT_STATE_VALUE,
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  DEFAULT_BREAKER,
} from './circuit-breaker.ts';
export { GuardedOss, type GuardedOssOptions } from './guarded-oss.ts';
export { ReconcilingOss } from './reconciling-oss.ts';
export { type HealthVerdict, healthVerdict } from './upstream-health.ts';
export { upstreamUnavailable } from './upstream-unavailable.ts';
export { findBinding, outcomeUnknown, putLanded } from './write-outcome.ts';
