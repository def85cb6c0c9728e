// What a bind answers when OSS refused PutCname: the mapped problem, completed with what the service
// knows and OSS does not say — the TXT record still to publish with the pre-flight behind it, or which
// bucket of the account holds the domain.
import { boundToOtherBucket, ownershipRetryAfter } from '../../errors/binding-problems.ts';
import { ProblemError, problem } from '../../errors/problem.ts';
import { ownershipRecord } from '../domain-dns/index.ts';
import type { AccountBindings, BucketOss } from '../oss-access/index.ts';
import type { GateResult } from './ownership-gate.ts';

export interface PutFailureContext {
  oss: BucketOss;
  accounts: AccountBindings;
  bucket: string;
  domain: string;
  canSeeBucket: (bucket: string) => boolean;
  /** What the ownership gate found, when the bind passed it. */
  gate: GateResult | undefined;
}

/** `error` is what BucketOss.bind threw (OSS's answer already mapped); other failures come back unchanged. */
export async function putFailure(error: unknown, ctx: PutFailureContext): Promise<unknown> {
  if (!(error instanceof ProblemError)) return error;
  const mapped = error;
  // The OSS code the mapping kept: which refusal this is, whatever problem code it maps to.
  const code = mapped.extensions.ossCode;
  if (code !== 'NeedVerifyDomainOwnership' && code !== 'CnameAlreadyExists') return error;
  const { bucket, domain } = ctx;
  if (code === 'NeedVerifyDomainOwnership') return unverified(mapped, ctx);
  // The last scan predates OSS's answer when it does not show the domain: look again.
  const holder = await ctx.accounts.holderOf(domain, { refresh: true });
  const known = holder !== undefined && holder.bucket !== bucket ? holder : undefined;
  return boundToOtherBucket({
    domain,
    holder: known,
    visible: known !== undefined && ctx.canSeeBucket(known.bucket),
    cnameType: stringOrUndefined(mapped.extensions.cnameType),
    base: mapped,
  });
}

/** NeedVerifyDomainOwnership: the record still to publish, and the pre-flight when it ran. */
async function unverified(mapped: ProblemError, ctx: PutFailureContext): Promise<ProblemError> {
  const { bucket, domain } = ctx;
  // A remembered token may be the reason OSS refused (it expired early, or went with an unbind): read it.
  const gated = ctx.gate?.token?.token;
  let token = ctx.gate?.remembered ? undefined : gated;
  if (token === undefined) {
    try {
      token = (await ctx.oss.liveToken(domain))?.token;
    } catch {
      token = undefined;
    }
  }
  // A pre-flight against another token than the live one tells the caller nothing.
  const report = token !== undefined && token === gated ? ctx.gate?.report : undefined;
  const retryAfter = report === undefined ? undefined : ownershipRetryAfter(report);
  const detail = token
    ? mapped.detail
    : `OSS needs proof that you own ${domain}, and no valid token exists: create one with POST /buckets/${bucket}/cname-tokens, publish its TXT record, then retry.`;
  return problem('domain-ownership-unverified', detail, {
    headers:
      retryAfter === undefined ? mapped.headers : { ...mapped.headers, 'retry-after': String(retryAfter) },
    cause: mapped.cause,
    extensions: {
      ...mapped.extensions,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      dnsRecord: token ? ownershipRecord(domain, token, report?.zone?.name) : null,
      ...(report === undefined ? {} : { preflight: report }),
    },
  });
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
