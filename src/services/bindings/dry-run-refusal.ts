// A dry run of a new bind must answer the refusal the real request would get (docs/api.md), not 201:
// OSS refuses a domain held by another bucket, a bucket at its 100 domains, and a domain without a live
// token, none of which the pre-flight alone turns into a refusal.
import { boundToOtherBucket } from '../../errors/binding-problems.ts';
import { problemForOssCode } from '../../errors/oss-mapping.ts';
import type { ProblemError } from '../../errors/problem.ts';
import type { AccountBindings } from '../oss-access/index.ts';
import type { GateResult } from './ownership-gate.ts';

/** OSS's limit on custom domains per bucket (TooManyCname). */
const MAX_DOMAINS_PER_BUCKET = 100;

export interface DryBind {
  bucket: string;
  domain: string;
  region: string;
  /** Domains bound to the bucket now. */
  bound: number;
  gate: GateResult | undefined;
  canSeeBucket: (bucket: string) => boolean;
}

export async function dryBindRefusal(
  accounts: AccountBindings,
  bind: DryBind,
): Promise<ProblemError | undefined> {
  const { bucket, domain, region } = bind;
  const holder = await accounts.holderOf(domain);
  if (holder !== undefined && holder.bucket !== bucket) {
    return boundToOtherBucket({ domain, holder, visible: bind.canSeeBucket(holder.bucket) });
  }
  if (bind.bound >= MAX_DOMAINS_PER_BUCKET)
    return problemForOssCode('TooManyCname', { bucket, domain, region });
  if (bind.gate?.token === undefined) {
    return problemForOssCode('NeedVerifyDomainOwnership', { bucket, domain, region });
  }
  return undefined;
}
