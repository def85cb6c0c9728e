// One bucket as the services reach it in OSS. Each operation finds the bucket's region (cached), is
// re-sent once at the region OSS names when it answers "wrong endpoint" (only the OSS call: the business
// flow around it does not run again), and fails with a problem naming the bucket, domain and region.
import { readOssFailure } from '../../errors/oss-error-shape.ts';
import { ossProblem } from '../../errors/oss-mapping.ts';
import {
  type CertificateConfigurationInput,
  type CnameInfo,
  type CnameToken,
  createCnameToken,
  deleteCname,
  findBinding,
  getCnameToken,
  listCname,
  type OperationSpec,
  type OssInvoker,
  type OssResponseMeta,
  putCname,
  regionFromWrongEndpoint,
} from '../../oss/index.ts';
import type { Listing, ListingCache } from './listing-cache.ts';
import { putCnameInput } from './put-cname-input.ts';
import type { RegionCache } from './region-cache.ts';
import type { TokenMemory } from './token-memory.ts';

/** What every BucketOss of one OssAccess shares. */
export interface BucketOssShared {
  regions: RegionCache;
  listings: ListingCache;
  tokens: TokenMemory;
}

export interface RecentBinding {
  binding: CnameInfo | undefined;
  ageMs: number;
}

export class BucketOss {
  readonly name: string;
  readonly #oss: OssInvoker;
  readonly #regions: RegionCache;
  readonly #listings: ListingCache;
  readonly #tokens: TokenMemory;

  constructor(name: string, oss: OssInvoker, shared: BucketOssShared) {
    this.name = name;
    this.#oss = oss;
    this.#regions = shared.regions;
    this.#listings = shared.listings;
    this.#tokens = shared.tokens;
  }

  // `about`: the domain the caller works on, only to name it in a problem.

  /** The bucket's general region id (`cn-hangzhou`), as the last call found it. */
  region(about?: string): Promise<string> {
    return this.#mapped(about, () => this.#regions.regionOf(this.name));
  }

  /** Every binding OSS lists for the bucket (none for a bucket without domains), read from OSS now. */
  async bindings(about?: string): Promise<CnameInfo[]> {
    return (await this.#call(listCname, { bucket: this.name }, about)).cnames;
  }

  /**
   * The bindings as a plain read may see them: shared with concurrent reads, or reused while recent (see
   * ListingCache). Never for a decision a write or a precondition rests on: those use bindings().
   */
  recentBindings(about?: string): Promise<Listing> {
    return this.#mapped(about, async (use) => {
      const region = use(await this.#regions.regionOf(this.name));
      const fetch = async () => (await this.#invoke(listCname, { bucket: this.name }, region, use)).cnames;
      return this.#listings.read(this.name, region, fetch);
    });
  }

  /** binding(), for a plain read: see recentBindings(). */
  async recentBinding(domain: string): Promise<RecentBinding> {
    const { cnames, ageMs } = await this.recentBindings(domain);
    return { binding: findBinding(cnames, domain), ageMs };
  }

  /** The exact (non-wildcard) binding of `domain` (lower case), if any. */
  async binding(domain: string): Promise<CnameInfo | undefined> {
    return findBinding(await this.bindings(domain), domain);
  }

  /** Binds `domain`, or changes its certificate; the flags pass the one PutCname check first. */
  async bind(
    domain: string,
    certificate: CertificateConfigurationInput | undefined,
  ): Promise<OssResponseMeta> {
    return this.#write(domain, () =>
      this.#call(putCname, putCnameInput(this.name, domain, certificate), domain),
    );
  }

  /** Idempotent: unbinding a domain that is not bound succeeds (the op spec says so). */
  unbind(domain: string): Promise<OssResponseMeta> {
    return this.#write(domain, () => this.#call(deleteCname, { bucket: this.name, domain }, domain));
  }

  async createToken(domain: string): Promise<CnameToken> {
    return this.#learn(domain, await this.#call(createCnameToken, { bucket: this.name, domain }, domain));
  }

  /** The live token; fails with token-not-found when there is none. */
  async token(domain: string): Promise<CnameToken> {
    return this.#learn(domain, await this.#call(getCnameToken, { bucket: this.name, domain }, domain));
  }

  /** The live token, or undefined when OSS holds none (never created, or expired). */
  async liveToken(domain: string): Promise<CnameToken | undefined> {
    const token = await this.#call(
      getCnameToken,
      { bucket: this.name, domain },
      domain,
      'CnameTokenNotFound',
    );
    if (token === undefined) this.#tokens.forget(this.name, domain);
    return token === undefined ? undefined : this.#learn(domain, token);
  }

  /** The token OSS handed this process for `domain` while still valid; no call (see TokenMemory). */
  rememberedToken(domain: string): CnameToken | undefined {
    return this.#tokens.recall(this.name, domain);
  }

  #learn(domain: string, token: CnameToken): CnameToken {
    this.#tokens.learn(this.name, domain, token);
    return token;
  }

  /** `absent`: an OSS code that means "nothing there", answered as undefined. */
  #call<I, O>(op: OperationSpec<I, O>, input: I, domain: string | undefined): Promise<O>;
  #call<I, O>(op: OperationSpec<I, O>, input: I, domain: string, absent: string): Promise<O | undefined>;
  #call<I, O>(
    op: OperationSpec<I, O>,
    input: I,
    domain: string | undefined,
    absent?: string,
  ): Promise<O | undefined> {
    return this.#mapped(domain, async (use) => {
      const region = use(await this.#regions.regionOf(this.name));
      try {
        return await this.#invoke(op, input, region, use);
      } catch (error) {
        if (absent !== undefined && readOssFailure(error)?.code === absent) return undefined;
        throw error;
      }
    });
  }

  /** One OSS call at `region`, re-sent once at the region a wrong-endpoint answer names. */
  async #invoke<I, O>(
    op: OperationSpec<I, O>,
    input: I,
    region: string,
    use: (region: string) => string,
  ): Promise<O> {
    try {
      return await this.#oss.invoke(op, input, { region });
    } catch (error) {
      const corrected = regionFromWrongEndpoint(error);
      if (corrected === undefined || corrected === region) throw error;
      this.#regions.learn(this.name, corrected);
      return await this.#oss.invoke(op, input, { region: use(corrected) });
    }
  }

  /**
   * A change to the bindings: recent listings are forgotten before it and again once it is settled, and
   * the domain's token (OSS may drop a token once its domain is bound; an unbound domain reads it again).
   */
  async #write<T>(domain: string, work: () => Promise<T>): Promise<T> {
    this.#listings.forget(this.name);
    this.#tokens.forget(this.name, domain);
    try {
      return await work();
    } finally {
      this.#listings.forget(this.name);
    }
  }

  /** Runs `work`, turning an OSS failure into its problem; `use` records the region tried last. */
  async #mapped<T>(domain: string | undefined, work: (use: (region: string) => string) => Promise<T>) {
    let region: string | undefined;
    try {
      return await work((r) => {
        region = r;
        return r;
      });
    } catch (error) {
      throw ossProblem(error, { bucket: this.name, domain, region }) ?? error;
    }
  }
}
