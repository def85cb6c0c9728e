// A CnameApi decorator that puts a circuit breaker in front of OSS, one per region: buckets of a healthy
// region keep working while another region's OSS is down, and the region is what every service call
// already names (CallOptions.region; the client's default region otherwise). Each call counts once,
// after the client's own retries, so the breaker sees "this call failed", not single attempts.
import type {
  BucketDomainInput,
  BucketInput,
  CallOptions,
  CnameApi,
  ListBucketsInput,
  PutCnameInput,
} from '../oss/types.ts';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.ts';
import { healthVerdict } from './upstream-health.ts';
import { upstreamUnavailable } from './upstream-unavailable.ts';

export interface GuardedOssOptions extends CircuitBreakerOptions {
  /** Region of calls that name none: the client's default (general id, `cn-hangzhou`). */
  defaultRegion: string;
  onStateChange?: ((region: string, state: CircuitState) => void) | undefined;
}

export class GuardedOss implements CnameApi {
  readonly #inner: CnameApi;
  readonly #options: GuardedOssOptions;
  readonly #breakers = new Map<string, CircuitBreaker>();

  constructor(inner: CnameApi, options: GuardedOssOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  /** Every region's circuit that has seen a call. */
  states(): Map<string, CircuitState> {
    return new Map([...this.#breakers].map(([region, breaker]) => [region, breaker.state]));
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

  async #guard<T>(opts: CallOptions | undefined, call: () => Promise<T>): Promise<T> {
    // The client accepts OSS-flavoured ids too; one breaker per region either way.
    const region = (opts?.region ?? this.#options.defaultRegion).replace(/^oss-/, '');
    const breaker = this.#breaker(region);
    const admission = breaker.admit();
    if (!admission.admitted) throw upstreamUnavailable(region, admission.retryAfterMs);
    try {
      const result = await call();
      breaker.record('healthy', admission.probe);
      return result;
    } catch (error) {
      breaker.record(healthVerdict(error), admission.probe);
      throw error;
    }
  }

  createCnameToken(input: BucketDomainInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.createCnameToken(input, opts));
  }

  getCnameToken(input: BucketDomainInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.getCnameToken(input, opts));
  }

  putCname(input: PutCnameInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.putCname(input, opts));
  }

  listCname(input: BucketInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.listCname(input, opts));
  }

  deleteCname(input: BucketDomainInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.deleteCname(input, opts));
  }

  getBucketLocation(input: BucketInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.getBucketLocation(input, opts));
  }

  getBucketInfo(input: BucketInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.getBucketInfo(input, opts));
  }

  listBuckets(input?: ListBucketsInput, opts?: CallOptions) {
    return this.#guard(opts, () => this.#inner.listBuckets(input, opts));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
