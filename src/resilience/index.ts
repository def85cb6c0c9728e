// Resilience in front of OSS: the layers the app puts around its OSS client's invoke seam (per-region
// circuit breaker, settling a lost write).
export { BreakerLayer, type BreakerLayerOptions } from './breaker-layer.ts';
export {
  CIRCUIT_STATE_VALUE,
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  DEFAULT_BREAKER,
} from './circuit-breaker.ts';
export { settleLayer } from './settle-layer.ts';
export { upstreamUnavailable } from './upstream-unavailable.ts';
export { putLanded } from './write-outcome.ts';
