// How the services reach OSS: `access.bucket(name)` for everything about one bucket (region found and
// cached, wrong-endpoint answers followed, failures mapped to problems, tokens remembered), and the account-wide listing
// the conflict scan needs. There is no way through to the raw client.
import {
  type ListBucketsInput,
  type ListBucketsResult,
  listBuckets,
  type OssInvoker,
} from '../../oss/index.ts';
import { BucketOss } from './bucket-oss.ts';
import { ListingCache } from './listing-cache.ts';
import { RegionCache } from './region-cache.ts';
import { TokenMemory } from './token-memory.ts';

export { AccountBindings, type AccountBindingsOptions, type DomainHolder } from './account-bindings.ts';
export { BucketOss, type RecentBinding } from './bucket-oss.ts';
export type { Listing } from './listing-cache.ts';
export { putCnameInput, UnsafeCertificateFlagsError } from './put-cname-input.ts';

/** The OSS client as the services take it: the layered client in the app, a fake in unit tests. */
export type ServicesOss = OssInvoker;

export interface OssAccessOptions {
  /** General region id region discovery is signed for. */
  defaultRegion: string;
  /** Buckets whose region is remembered. */
  maxRegions?: number | undefined;
  /** How long a plain read may reuse a bucket's ListCname answer (CNAME_CACHE_MS); 0 or unset: never. */
  listingMaxAgeMs?: number | undefined;
  /** Wall clock the remembered tokens expire by. */
  now?: (() => number) | undefined;
}

export class OssAccess {
  readonly #oss: OssInvoker;
  readonly #regions: RegionCache;
  readonly #listings: ListingCache;
  readonly #tokens: TokenMemory;

  constructor(oss: OssInvoker, options: OssAccessOptions) {
    this.#oss = oss;
    this.#regions = new RegionCache(oss, {
      defaultRegion: options.defaultRegion,
      maxEntries: options.maxRegions,
    });
    this.#listings = new ListingCache({ maxAgeMs: options.listingMaxAgeMs ?? 0 });
    this.#tokens = new TokenMemory({ now: options.now });
  }

  bucket(name: string): BucketOss {
    return new BucketOss(name, this.#oss, {
      regions: this.#regions,
      listings: this.#listings,
      tokens: this.#tokens,
    });
  }

  /** A bucket's region learned elsewhere (ListBuckets names each), saving a GetBucketLocation later. */
  learnRegion(bucket: string, region: string): void {
    this.#regions.learn(bucket, region);
  }

  /** One page of the account's buckets, each with its region; OSS errors propagate unmapped (callers skip them). */
  listBuckets(input: ListBucketsInput): Promise<ListBucketsResult> {
    return this.#oss.invoke(listBuckets, input);
  }
}
