// Each bucket's region, so callers never pass one: GetBucketLocation signed for the default region, or
// the region named by OSS's wrong-endpoint answer. Cached per bucket (a bucket never moves; one deleted
// and re-created elsewhere is caught by BucketOss, which learns the region OSS points at).
import { getBucketLocation, type OssInvoker, regionFromWrongEndpoint } from '../../oss/index.ts';

export interface RegionCacheOptions {
  /** General region id discovery is signed for. */
  defaultRegion: string;
  /** Buckets remembered; the oldest is forgotten first. */
  maxEntries?: number | undefined;
}

export class RegionCache {
  readonly #oss: OssInvoker;
  readonly #defaultRegion: string;
  readonly #maxEntries: number;
  readonly #regions = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(oss: OssInvoker, options: RegionCacheOptions) {
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

  /** A region learned elsewhere (ListBuckets, a wrong-endpoint answer), saving a GetBucketLocation later. */
  learn(bucket: string, region: string): void {
    this.#regions.delete(bucket);
    this.#regions.set(bucket, region);
    if (this.#regions.size > this.#maxEntries) {
      const oldest = this.#regions.keys().next().value;
      if (oldest !== undefined) this.#regions.delete(oldest);
    }
  }

  forget(bucket: string): void {
    this.#regions.delete(bucket);
  }

  async #discover(bucket: string): Promise<string> {
    let region: string;
    try {
      region = (await this.#oss.invoke(getBucketLocation, { bucket }, { region: this.#defaultRegion }))
        .region;
    } catch (error) {
      const named = regionFromWrongEndpoint(error);
      if (named === undefined) throw error;
      region = named;
    }
    this.learn(bucket, region);
    return region;
  }
}
