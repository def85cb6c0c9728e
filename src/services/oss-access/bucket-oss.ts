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
import { putCnameInput } from './put-cname-input.ts';
import type { RegionCache } from './region-cache.ts';

export class BucketOss {
  readonly name: string;
  readonly #oss: OssInvoker;
  readonly #regions: RegionCache;

  constructor(name: string, oss: OssInvoker, regions: RegionCache) {
    this.name = name;
    this.#oss = oss;
    this.#regions = regions;
  }

  // `about`: the domain the caller works on, only to name it in a problem.

  /** The bucket's general region id (`cn-hangzhou`), as the last call found it. */
  region(about?: string): Promise<string> {
    return this.#mapped(about, () => this.#regions.regionOf(this.name));
  }

  /** Every binding OSS lists for the bucket (none for a bucket without domains). */
  async bindings(about?: string): Promise<CnameInfo[]> {
    return (await this.#call(listCname, { bucket: this.name }, about)).cnames;
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
    return this.#call(putCname, putCnameInput(this.name, domain, certificate), domain);
  }

  /** Idempotent: unbinding a domain that is not bound succeeds (the op spec says so). */
  unbind(domain: string): Promise<OssResponseMeta> {
    return this.#call(deleteCname, { bucket: this.name, domain }, domain);
  }

  createToken(domain: string): Promise<CnameToken> {
    return this.#call(createCnameToken, { bucket: this.name, domain }, domain);
  }

  /** The live token; fails with token-not-found when there is none. */
  token(domain: string): Promise<CnameToken> {
    return this.#call(getCnameToken, { bucket: this.name, domain }, domain);
  }

  /** The live token, or undefined when OSS holds none (never created, or expired). */
  liveToken(domain: string): Promise<CnameToken | undefined> {
    return this.#call(getCnameToken, { bucket: this.name, domain }, domain, 'CnameTokenNotFound');
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
      let region = use(await this.#regions.regionOf(this.name));
      try {
        try {
          return await this.#oss.invoke(op, input, { region });
        } catch (error) {
          const corrected = regionFromWrongEndpoint(error);
          if (corrected === undefined || corrected === region) throw error;
          this.#regions.learn(this.name, corrected);
          region = use(corrected);
          return await this.#oss.invoke(op, input, { region });
        }
      } catch (error) {
        if (absent !== undefined && readOssFailure(error)?.code === absent) return undefined;
        throw error;
      }
    });
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
