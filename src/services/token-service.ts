// Ownership tokens. Create answers whether the token is new: GetCnameToken is read first, and when
// CreateCnameToken hands back that same token (OSS returns a still-valid one) nothing was created.
// Create is still called, because only it tells a bound domain (NoNeedCreateCnameToken) apart.
import { readOssFailure } from '../errors/oss-error-shape.ts';
import type { CnameToken } from '../oss/types.ts';
import type { CnameTokenView } from '../schemas/cname-token.ts';
import type { OssGateway } from './oss-gateway.ts';
import { tokenView } from './token-view.ts';

export interface CreatedToken {
  /** False when OSS handed back the token that was already valid. */
  created: boolean;
  token: CnameTokenView;
}

export class TokenService {
  readonly #gateway: OssGateway;

  constructor(gateway: OssGateway) {
    this.#gateway = gateway;
  }

  create(bucket: string, domain: string): Promise<CreatedToken> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const before = await this.#current(bucket, domain, region);
      const token = await this.#gateway.oss.createCnameToken({ bucket, domain }, { region });
      const reused = before !== undefined && before.token === token.token;
      return { created: !reused, token: tokenView(bucket, domain, region, token) };
    });
  }

  get(bucket: string, domain: string): Promise<CnameTokenView> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const token = await this.#gateway.oss.getCnameToken({ bucket, domain }, { region });
      return tokenView(bucket, domain, region, token);
    });
  }

  /** The live token, or undefined when there is none (CnameTokenNotFound). */
  async #current(bucket: string, domain: string, region: string): Promise<CnameToken | undefined> {
    try {
      return await this.#gateway.oss.getCnameToken({ bucket, domain }, { region });
    } catch (error) {
      if (readOssFailure(error)?.code === 'CnameTokenNotFound') return undefined;
      throw error;
    }
  }
}
