// Every OSS call of the services goes through here: the bucket's region is found (and corrected when OSS
// says the endpoint is wrong), OSS failures become problems naming the bucket, domain and region, and
// every PutCname passes the one check of its certificate flags (put-cname-input.ts).
import { type OssCallContext, ossProblem } from '../errors/oss-mapping.ts';
import type { CertificateConfigurationInput, CnameApi, OssResponseMeta } from '../oss/types.ts';
import { putCnameInput } from './put-cname-input.ts';
import type { RegionResolver } from './region-resolver.ts';

export interface BucketScope {
  bucket: string;
  domain?: string | undefined;
}

export class OssGateway {
  readonly oss: CnameApi;
  readonly regions: RegionResolver;

  constructor(oss: CnameApi, regions: RegionResolver) {
    this.oss = oss;
    this.regions = regions;
  }

  async run<T>(scope: BucketScope, work: (region: string) => Promise<T>): Promise<T> {
    let region: string | undefined;
    try {
      return await this.regions.withRegion(scope.bucket, (r) => {
        region = r;
        return work(r);
      });
    } catch (error) {
      throw this.problem(error, { ...scope, region });
    }
  }

  /** The only way the services send PutCname. */
  async putCname(
    bucket: string,
    domain: string,
    certificate: CertificateConfigurationInput | undefined,
    region: string,
  ): Promise<OssResponseMeta> {
    return this.oss.putCname(putCnameInput(bucket, domain, certificate), { region });
  }

  /** The problem for an OSS failure, or the error itself when it is not one (ProblemErrors pass through). */
  problem(error: unknown, context: OssCallContext): unknown {
    return ossProblem(error, context) ?? error;
  }
}
