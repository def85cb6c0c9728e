// The problems a bind answers with when the service can say more than OSS: the DNS is not ready yet
// (OSS would answer a bare 403), or the domain is held elsewhere (OSS does not say where).

import type { PreflightReport } from '../dns/preflight/types.ts';
import { isMainlandChinaRegion } from '../domain/region.ts';
import type { DnsRecordView } from '../schemas/cname-token.ts';
import { type ProblemError, problem } from './problem.ts';

export interface DnsNotReadyContext {
  bucket: string;
  domain: string;
  region: string;
  report: PreflightReport;
  /** The TXT record to publish, from the live token. */
  record: DnsRecordView;
}

/** When the pre-flight has no TTL to go by. */
const DEFAULT_RETRY_AFTER = 30;
/** An hour: a TTL is the zone owner's choice; a longer one is a zone to fix, not a reason to wait. */
const MAX_RETRY_AFTER = 3_600;
/** The checks about the record OSS reads; the others (CNAME, addresses) do not hold a bind back. */
const OWNERSHIP_CHECKS = new Set(['ownership-txt', 'txt-doubled-suffix']);

/**
 * Seconds until a fixed ownership record is visible: the longest TTL among the ownership checks that did
 * not pass (the record's TTL, or the negative-cache TTL while it is missing). A missing CNAME's TTL says
 * nothing about when OSS will see the TXT record, so it does not count here.
 */
export function ownershipRetryAfter(report: PreflightReport): number {
  const ttls = report.checks
    .filter((check) => OWNERSHIP_CHECKS.has(check.id) && check.status !== 'pass')
    .flatMap((check) => (check.ttl === undefined ? [] : [check.ttl]));
  const longest = ttls.length === 0 ? DEFAULT_RETRY_AFTER : Math.max(...ttls);
  return Math.min(Math.max(longest, 1), MAX_RETRY_AFTER);
}

export function dnsNotReady(ctx: DnsNotReadyContext): ProblemError {
  const { report, domain } = ctx;
  const txt = report.checks.find((check) => check.id === 'ownership-txt');
  const doubled = report.checks.find((check) => check.id === 'txt-doubled-suffix');
  const fix = doubled?.status === 'fail' ? doubled.fix : txt?.fix;
  const retryAfter = ownershipRetryAfter(report);
  const icp = isMainlandChinaRegion(ctx.region)
    ? ` Bucket "${ctx.bucket}" is in ${ctx.region}, a mainland China region: once DNS is ready, OSS also requires an ICP filing for ${domain} (icp-filing-required).`
    : '';
  return problem(
    'dns-not-ready',
    `OSS would refuse to bind ${domain} now: ${txt?.summary ?? 'the ownership record is not visible.'} ${fix ?? ''} Then retry after about ${retryAfter} s, the time resolvers may keep showing the old answer.${icp}`.replace(
      /\s+/g,
      ' ',
    ),
    {
      headers: { 'retry-after': String(retryAfter) },
      extensions: { dnsRecord: ctx.record, retryAfterSeconds: retryAfter, preflight: report },
    },
  );
}

export interface Holder {
  bucket: string;
  region: string;
}

export interface OtherBucketContext {
  domain: string;
  /** The bucket of this account holding the domain, when the service found it. */
  holder: Holder | undefined;
  /** Whether the caller's API key covers the holding bucket, so it may be named. */
  visible: boolean;
  /** OSS's CnameType: CNAME_IMG is legacy image processing rather than a bucket. */
  cnameType?: string | undefined;
  /** The problem OSS's own answer mapped to (ossCode, ossRequestId, …), when OSS answered. */
  base?: ProblemError | undefined;
  extensions?: Record<string, unknown> | undefined;
}

export function boundToOtherBucket(ctx: OtherBucketContext): ProblemError {
  const { domain, holder } = ctx;
  let detail: string;
  let heldBy: Holder | undefined;
  if (holder !== undefined && ctx.visible) {
    heldBy = holder;
    detail = `${domain} is bound to bucket "${holder.bucket}" (${holder.region}) of this OSS account; unbind it there first (DELETE /buckets/${holder.bucket}/cnames/${domain}), then retry.`;
  } else if (holder !== undefined) {
    detail = `${domain} is bound to another bucket of this OSS account, one your API key does not cover; ask whoever manages that bucket to unbind it, then retry.`;
  } else if (ctx.cnameType === 'CNAME_IMG') {
    detail = `${domain} is used by this OSS account's legacy image processing service; remove it there first, then retry.`;
  } else {
    detail = `${domain} is bound to another bucket of this OSS account (the service could not tell which); unbind it there first, then retry.`;
  }
  return problem('domain-bound-to-other-bucket', detail, {
    headers: ctx.base?.headers,
    cause: ctx.base?.cause,
    extensions: {
      ...ctx.base?.extensions,
      ...ctx.extensions,
      heldBy: heldBy ?? null,
    },
  });
}

export function notBound(bucket: string, domain: string): ProblemError {
  return problem(
    'cname-not-found',
    `${domain} is not bound to bucket "${bucket}"; bind it with PUT /buckets/${bucket}/cnames/${domain}.`,
  );
}

/** OSS accepted a change but does not list it: never claim a state the service cannot see. */
export function vanished(domain: string): ProblemError {
  return problem(
    'upstream-inconsistent',
    `OSS accepted the change but does not list ${domain} afterwards; read the binding again before retrying.`,
  );
}
