// What every load child reports, and the arithmetic on latency samples shared by the children and rows.

export interface LoadResult {
  /** Successful (2xx) responses counted in the measured window. */
  requests: number;
  elapsedMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors and timeouts: any of them makes the measurement void. */
  failures: number;
}

/** The q-quantile (0..1) of samples by the nearest-rank method; NaN for no samples. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

/** Combines runs of one measurement (alternating rounds) into one result over all their samples. */
export function summarize(samples: Float64Array, elapsedMs: number, failures: number): LoadResult {
  const sorted = samples.slice().sort();
  return {
    requests: samples.length,
    elapsedMs,
    requestsPerSecond: (samples.length / elapsedMs) * 1000,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    failures,
  };
}

/** A growable list of latency samples in milliseconds. */
export class Samples {
  #values = new Float64Array(4096);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  values(): Float64Array {
    return this.#values.slice(0, this.#length);
  }
}
