// Which bucket of the service's OSS account holds a domain. OSS only says "another bucket of this
// account" (CnameAlreadyExists), so the service looks for itself: ListBuckets (paged) and ListCname per
// bucket, a bounded number of buckets, the result reused for a short while. A scan never fails the
// request that asked for it: what could not be read is simply not known.
import type { OssAccess } from './index.ts';

export interface DomainHolder {
  bucket: string;
  region: string;
}

export interface AccountBindingsOptions {
  /** Buckets scanned at most; 0 turns scanning off. */
  maxBuckets: number;
  /** How long one scan is reused. */
  cacheMs: number;
  now?: (() => number) | undefined;
  /** ListCname calls in flight at once. */
  concurrency?: number | undefined;
}

interface Snapshot {
  at: number;
  holders: Map<string, DomainHolder>;
}

const PAGE_SIZE = 1000;

export class AccountBindings {
  readonly #oss: OssAccess;
  readonly #options: AccountBindingsOptions;
  readonly #now: () => number;
  #snapshot: Snapshot | undefined;
  #scanning: Promise<Snapshot> | undefined;
  #lastRefresh: number | undefined;

  constructor(oss: OssAccess, options: AccountBindingsOptions) {
    this.#oss = oss;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The bucket holding `domain`, from a scan younger than the cache time; `refresh` scans again when that
   * scan does not show the domain (OSS just said some bucket holds it), at most once per cache time.
   * Undefined when none was found.
   */
  async holderOf(domain: string, options: { refresh?: boolean } = {}): Promise<DomainHolder | undefined> {
    if (this.#options.maxBuckets === 0) return undefined;
    const reused = this.#fresh();
    const first = reused ?? (await this.#scan());
    const found = first.holders.get(domain);
    if (found !== undefined || !options.refresh || reused === undefined) return found;
    // Any key can make OSS answer CnameAlreadyExists for a domain no scan will find (beyond the bucket
    // limit, a denied bucket): at most one refresh per cache time, else each such bind costs a full scan
    // (issue 19, F6). Until then "not found" stands.
    if (this.#lastRefresh !== undefined && this.#now() - this.#lastRefresh < this.#options.cacheMs) {
      return undefined;
    }
    this.#lastRefresh = this.#now();
    return (await this.#scan()).holders.get(domain);
  }

  /** Custom domains of every bucket scanned, when a recent scan exists; never scans. */
  knownDomains(): string[] {
    return [...(this.#fresh()?.holders.keys() ?? [])];
  }

  #fresh(): Snapshot | undefined {
    const snapshot = this.#snapshot;
    return snapshot !== undefined && this.#now() - snapshot.at < this.#options.cacheMs ? snapshot : undefined;
  }

  /** One scan at a time; callers arriving meanwhile share it. */
  #scan(): Promise<Snapshot> {
    this.#scanning ??= this.#collect().then(
      (snapshot) => {
        this.#snapshot = snapshot;
        this.#scanning = undefined;
        return snapshot;
      },
      (error: unknown) => {
        this.#scanning = undefined;
        throw error;
      },
    );
    return this.#scanning;
  }

  async #collect(): Promise<Snapshot> {
    const at = this.#now();
    const holders = new Map<string, DomainHolder>();
    const queue = await this.#buckets();
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { bucket, region } = next;
        this.#oss.learnRegion(bucket, region);
        try {
          const cnames = await this.#oss.bucket(bucket).bindings();
          for (const info of cnames) {
            if (!info.isWildcard) holders.set(info.domain.toLowerCase(), { bucket, region });
          }
        } catch {
          // A bucket that cannot be listed (deleted meanwhile, denied by policy) is left out.
        }
      }
    };
    await Promise.all(Array.from({ length: this.#options.concurrency ?? 8 }, worker));
    return { at, holders };
  }

  /** Up to maxBuckets buckets with their regions, page by page. */
  async #buckets(): Promise<DomainHolder[]> {
    const buckets: DomainHolder[] = [];
    let marker: string | undefined;
    try {
      while (buckets.length < this.#options.maxBuckets) {
        const maxKeys = Math.min(PAGE_SIZE, this.#options.maxBuckets - buckets.length);
        const page = await this.#oss.listBuckets({ marker, maxKeys });
        buckets.push(...page.buckets.map((b) => ({ bucket: b.name, region: b.region })));
        if (!page.isTruncated || page.nextMarker === undefined) break;
        marker = page.nextMarker;
      }
    } catch {
      // No ListBuckets permission (a RAM policy limited to some buckets): what was listed is all we know.
    }
    return buckets;
  }
}
