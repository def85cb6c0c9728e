// Ownership tokens. Create answers whether the token is new: GetCnameToken is read first, and when
// CreateCnameToken hands back that same token (OSS returns a still-valid one) nothing was created.
// Create is still called, because only it tells a bound domain (NoNeedCreateCnameToken) apart. The TXT
// record's host is given relative to the zone DNS reports, found while OSS is asked.
import { problemForOssCode } from '../errors/oss-mapping.ts';
import type { CnameTokenView } from '../schemas/cname-token.ts';
import type { DryRunView } from '../schemas/dry-run.ts';
import { bindingOf, listBindings } from './bucket-bindings.ts';
import type { DnsInspector } from './dns-inspector.ts';
import { dryRunAnswer, simpleCallPreview } from './dry-run-view.ts';
import { liveToken } from './live-token.ts';
import type { OssGateway } from './oss-gateway.ts';
import { tokenView } from './token-view.ts';
import type { WriteContext } from './write-context.ts';

export interface CreatedToken {
  /** False when OSS handed back the token that was already valid. */
  created: boolean;
  token: CnameTokenView;
}

export class TokenService {
  readonly #gateway: OssGateway;
  readonly #dns: DnsInspector;

  constructor(gateway: OssGateway, dns: DnsInspector) {
    this.#gateway = gateway;
    this.#dns = dns;
  }

  create(bucket: string, domain: string, ctx: WriteContext): Promise<CreatedToken | DryRunView> {
    const zone = this.#dns.zoneOf(domain);
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const before = await liveToken(this.#gateway.oss, bucket, domain, region);
      if (ctx.dryRun)
        return this.#preview(
          bucket,
          domain,
          region,
          before === undefined ? undefined : tokenView(bucket, domain, region, before, await zone),
        );
      const token = await this.#gateway.oss.createCnameToken({ bucket, domain }, { region });
      const reused = before !== undefined && before.token === token.token;
      return { created: !reused, token: tokenView(bucket, domain, region, token, await zone) };
    });
  }

  get(bucket: string, domain: string): Promise<CnameTokenView> {
    const zone = this.#dns.zoneOf(domain);
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const token = await this.#gateway.oss.getCnameToken({ bucket, domain }, { region });
      return tokenView(bucket, domain, region, token, await zone);
    });
  }

  /** What CreateCnameToken would answer: the bound check OSS makes, read from ListCname instead. */
  async #preview(
    bucket: string,
    domain: string,
    region: string,
    valid: CnameTokenView | undefined,
  ): Promise<DryRunView> {
    const current = bindingOf(await listBindings(this.#gateway.oss, bucket, region), domain);
    if (current) throw problemForOssCode('NoNeedCreateCnameToken', { bucket, domain, region });
    const summary = valid
      ? 'OSS would hand back the still-valid token (200); publish its TXT record.'
      : 'CreateCnameToken would create a new token, valid for 72 hours (201).';
    const subject = { bucket, domain, region, current: undefined };
    return dryRunAnswer(subject, 'create-token', valid ? 200 : 201, summary, {
      wouldCall: [simpleCallPreview('CreateCnameToken', bucket, domain, region)],
      token: valid,
    });
  }
}
