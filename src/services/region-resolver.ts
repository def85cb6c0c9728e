// Finds each bucket's region so callers never pass one: GetBucketLocation signed for the default region,
// or the region named by OSS's wrong-endpoint answer. Cached per bucket (a bucket never moves; a bucket
// deleted and re-created elsewhere is caught by the wrong-endpoint refresh in withRegion).
import type { CnameApi } from '../oss/types.ts';
import { regionFromWrongEndpoint } from './wrong-endpoint.ts';

export interface RegionResolverOptions {
  /** General region id discovery is signed for. */
  defaultRegion: string;
  /** Buckets remembered; the oldest is forgotten first. */
  maxEntries?: number | undefined;
}

export class RegionResolver {
  readonly #oss: CnameApi;
  readonly #defaultRegion: string;
  readonly #maxEntries: number;
  readonly #regions = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(oss: CnameApi, options: RegionResolverOptions) {
    this.#oss = oss;
    this.#defaultRegion = options.defaultRegion;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The bucket's general region id (`cn-hangzhou`); OSS errors (NoSuchBucket, …) propagate. */
  regionOf(bucket: string): Promise<string> {
    const known = this.#regions.get(bucket);
    if (known !== undefined) return Promise.resolve(known);
    // Concurrent first requests for one bucket share one lookup.
    let pending = this.#pending.get(bucket);
    if (!pending) {
      pending = this.#discover(bucket).finally(() => this.#pending.delete(bucket));
      this.#pending.set(bucket, pending);
    }
    return pending;
  }

  /** Runs `call` with the bucket's region; if OSS says the endpoint is wrong, learns the region and retries once. */
  async withRegion<T>(bucket: string, call: (region: string) => Promise<T>): Promise<T> {
    const region = await this.regionOf(bucket);
    try {
      return await call(region);
    } catch (error) {
      const corrected = regionFromWrongEndpoint(error);
      if (corrected === undefined || corrected === region) throw error;
      this.#remember(bucket, corrected);
      return call(corrected);
    }
  }

  /** A region learned elsewhere (ListBuckets names each bucket's), saving a GetBucketLocation later. */
  learn(bucket: string, region: string): void {
    this.#remember(bucket, region);
  }

  forget(bucket: string): void {
    this.#regions.delete(bucket);
  }

  async #discover(bucket: string): Promise<string> {
    let region: string;
    try {
      region = (await this.#oss.getBucketLocation({ bucket }, { region: this.#defaultRegion })).region;
    } catch (error) {
      const named = regionFromWrongEndpoint(error);
      if (named === undefined) throw error;
      region = named;
    }
    this.#remember(bucket, region);
    return region;
  }

  #remember(bucket: string, region: string): void {
    this.#regions.delete(bucket);
    this.#regions.set(bucket, region);
    if (this.#regions.size > this.#maxEntries) {
      const oldest = this.#regions.keys().next().value;
      if (oldest !== undefined) this.#regions.delete(oldest);
    }
  }
}
