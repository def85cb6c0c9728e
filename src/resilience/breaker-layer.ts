// The circuit breaker as a layer of the OSS call path, one breaker per region: buckets of a healthy
// region keep working while another region's OSS is down, and the region is what every call already
// names (CallOptions.region; the client's default region otherwise). Each call counts once, after the
// client's own retries, so the breaker sees "this call failed", not single attempts.
import { healthVerdict, type NextInvoke, type OssCall, type OssLayer } from '../oss/index.ts';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.ts';
import { upstreamUnavailable } from './upstream-unavailable.ts';

export interface BreakerLayerOptions extends CircuitBreakerOptions {
  /** Region of calls that name none: the client's default (general id, `cn-hangzhou`). */
  defaultRegion: string;
  onStateChange?: ((region: string, state: CircuitState) => void) | undefined;
}

export class BreakerLayer implements OssLayer {
  readonly name = 'breaker';
  readonly #options: BreakerLayerOptions;
  readonly #breakers = new Map<string, CircuitBreaker>();

  constructor(options: BreakerLayerOptions) {
    this.#options = options;
  }

  /** Every region's circuit that has seen a call. */
  states(): Map<string, CircuitState> {
    return new Map([...this.#breakers].map(([region, breaker]) => [region, breaker.state]));
  }

  async run<I, O>(call: OssCall<I, O>, next: NextInvoke): Promise<O> {
    // The client accepts OSS-flavoured ids too; one breaker per region either way.
    const region = (call.opts.region ?? this.#options.defaultRegion).replace(/^oss-/, '');
    const breaker = this.#breaker(region);
    const admission = breaker.admit();
    if (!admission.admitted) throw upstreamUnavailable(region, admission.retryAfterMs);
    try {
      const result = await next(call);
      breaker.record('healthy', admission.probe);
      return result;
    } catch (error) {
      breaker.record(healthVerdict(error), admission.probe);
      throw error;
    }
  }

  #breaker(region: string): CircuitBreaker {
    let breaker = this.#breakers.get(region);
    if (!breaker) {
      const notify = this.#options.onStateChange;
      breaker = new CircuitBreaker(this.#options, (state) => notify?.(region, state));
      this.#breakers.set(region, breaker);
      // Dashboards see a region's circuit from its first call on, not from its first trip.
      notify?.(region, breaker.state);
    }
    return breaker;
  }
}
