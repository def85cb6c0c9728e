// What a bind answers when OSS refused PutCname: the mapped problem, completed with what the service
// knows and OSS does not say — the TXT record still to publish with the pre-flight behind it, or which
// bucket of the account holds the domain.
import { boundToOtherBucket, ownershipRetryAfter } from '../errors/binding-problems.ts';
import { readOssFailure } from '../errors/oss-error-shape.ts';
import { ProblemError, problem } from '../errors/problem.ts';
import type { AccountBindings } from './account-bindings.ts';
import { liveToken } from './live-token.ts';
import type { OssGateway } from './oss-gateway.ts';
import type { GateResult } from './ownership-gate.ts';
import { ownershipRecord } from './token-view.ts';

export interface PutFailureContext {
  gateway: OssGateway;
  accounts: AccountBindings;
  bucket: string;
  domain: string;
  region: string;
  canSeeBucket: (bucket: string) => boolean;
  /** What the ownership gate found, when the bind passed it. */
  gate: GateResult | undefined;
}

/** Other failures come back unchanged, so the gateway still sees a wrong-endpoint answer and retries. */
export async function putFailure(error: unknown, ctx: PutFailureContext): Promise<unknown> {
  const failure = readOssFailure(error);
  const code = failure?.code;
  if (code !== 'NeedVerifyDomainOwnership' && code !== 'CnameAlreadyExists') return error;
  const { bucket, domain, region } = ctx;
  const mapped = ctx.gateway.problem(error, { bucket, domain, region });
  if (!(mapped instanceof ProblemError)) return mapped;
  if (code === 'NeedVerifyDomainOwnership') return unverified(mapped, ctx);
  // The last scan predates OSS's answer when it does not show the domain: look again.
  const holder = await ctx.accounts.holderOf(domain, { refresh: true });
  const known = holder !== undefined && holder.bucket !== bucket ? holder : undefined;
  return boundToOtherBucket({
    domain,
    holder: known,
    visible: known !== undefined && ctx.canSeeBucket(known.bucket),
    cnameType: failure?.fields.CnameType,
    base: mapped,
  });
}

/** NeedVerifyDomainOwnership: the record still to publish, and the pre-flight when it ran. */
async function unverified(mapped: ProblemError, ctx: PutFailureContext): Promise<ProblemError> {
  const { bucket, domain, region } = ctx;
  let token = ctx.gate?.token?.token;
  if (token === undefined) {
    try {
      token = (await liveToken(ctx.gateway.oss, bucket, domain, region))?.token;
    } catch {
      token = undefined;
    }
  }
  const report = ctx.gate?.report;
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
