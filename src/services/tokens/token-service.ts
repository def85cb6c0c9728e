// Ownership tokens. Create answers whether the token is new: GetCnameToken is read first, and when
// CreateCnameToken hands back that same token (OSS returns a still-valid one) nothing was created.
// Create is still called, because only it tells a bound domain (NoNeedCreateCnameToken) apart. The TXT
// record's host is given relative to the zone DNS reports, found while OSS is asked. A new token counts
// against the caller's key (ShareGate, issue 19, F7); one OSS hands back again does not.
import { problemForOssCode } from '../../errors/oss-mapping.ts';
import type { CnameTokenView } from '../../schemas/cname-token.ts';
import type { DryRunView } from '../../schemas/dry-run.ts';
import type { ShareRef } from '../../store/index.ts';
import { dryRunAnswer, simpleCallPreview } from '../bindings/index.ts';
import type { DnsInspector } from '../domain-dns/index.ts';
import type { BucketOss, OssAccess } from '../oss-access/index.ts';
import type { WriteContext } from '../write-context.ts';
import type { ShareGate } from './share-gate.ts';
import { tokenView } from './token-view.ts';

export interface CreatedToken {
  /** False when OSS handed back the token that was already valid. */
  created: boolean;
  token: CnameTokenView;
}

/** The gate and the row a new token of this request counts as. */
interface TokenShare {
  gate: ShareGate;
  ref: ShareRef;
}

export class TokenService {
  readonly #oss: OssAccess;
  readonly #dns: DnsInspector;
  readonly #shares: ShareGate | undefined;

  constructor(oss: OssAccess, dns: DnsInspector, shares?: ShareGate) {
    this.#oss = oss;
    this.#dns = dns;
    this.#shares = shares;
  }

  async create(bucket: string, domain: string, ctx: WriteContext): Promise<CreatedToken | DryRunView> {
    const zone = this.#dns.zoneOf(domain);
    const oss = this.#oss.bucket(bucket);
    const before = await oss.liveToken(domain);
    const region = await oss.region(domain);
    const share = before === undefined ? this.#share(bucket, domain, ctx) : undefined;
    if (ctx.dryRun) {
      const valid = before === undefined ? undefined : tokenView(bucket, domain, region, before, await zone);
      return this.#preview(oss, domain, region, valid, share);
    }
    if (share) await share.gate.claim(oss, share.ref);
    let token: Awaited<ReturnType<BucketOss['createToken']>>;
    try {
      token = await oss.createToken(domain);
    } catch (error) {
      // No token was created (the domain is bound, OSS refused): nothing to count.
      await share?.gate.release(bucket, domain);
      throw error;
    }
    await share?.gate.settle(share.ref, token.expireTime.iso);
    const reused = before !== undefined && before.token === token.token;
    return {
      created: !reused,
      token: tokenView(bucket, domain, await oss.region(domain), token, await zone),
    };
  }

  async get(bucket: string, domain: string): Promise<CnameTokenView> {
    const zone = this.#dns.zoneOf(domain);
    const oss = this.#oss.bucket(bucket);
    const token = await oss.token(domain);
    return tokenView(bucket, domain, await oss.region(domain), token, await zone);
  }

  #share(bucket: string, domain: string, ctx: WriteContext): TokenShare | undefined {
    if (this.#shares === undefined || ctx.keyId === undefined) return undefined;
    return { gate: this.#shares, ref: { bucket, domain, keyId: ctx.keyId } };
  }

  /** What CreateCnameToken would answer: the bound check OSS makes, read from ListCname instead. */
  async #preview(
    oss: BucketOss,
    domain: string,
    region: string,
    valid: CnameTokenView | undefined,
    share: TokenShare | undefined,
  ): Promise<DryRunView> {
    const bucket = oss.name;
    const current = await oss.binding(domain);
    if (current) throw problemForOssCode('NoNeedCreateCnameToken', { bucket, domain, region });
    await share?.gate.check(share.ref);
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
