// The one table from OSS failures to our problems (documented in docs/api.md, "Errors").
// Rule of thumb: OSS's verdicts on the caller's domain or bucket become 4xx the caller can act on; anything
// about our own credentials, requests or OSS's health becomes 5xx, so callers never blame themselves.

import { PROBLEM_CATALOGUE, type ProblemCode } from './catalogue.ts';
import { BUCKET_OF_ANOTHER_ACCOUNT, isBucketOfAnotherAccount } from './foreign-bucket.ts';
import { type OssFailure, type OssFailureKind, readOssFailure } from './oss-error-shape.ts';
import { type ProblemError, problem } from './problem.ts';

/** What the service knew when it called OSS; makes details name the bucket, domain and region. */
export interface OssCallContext {
  bucket?: string | undefined;
  domain?: string | undefined;
  region?: string | undefined;
}

export interface Mapping {
  code: ProblemCode;
  detail: (ctx: Required<OssCallContext>, failure: OssFailure) => string;
  /** Pass OSS's own message on: only where it describes the caller's input. */
  showOssMessage?: boolean;
  extensions?: (context: OssCallContext, failure: OssFailure) => Record<string, unknown>;
}

const UPSTREAM_CREDENTIALS: Mapping = {
  code: 'upstream-credentials',
  detail: () =>
    'OSS refused the credentials this service uses (not your API key); operators must fix the OSS access key or its RAM permissions. Retry after that.',
};

/** OSS error codes with a meaning of their own. Every key is listed in docs/api.md. */
export const OSS_CODE_MAP: Readonly<Record<string, Mapping>> = {
  NoSuchBucket: {
    code: 'bucket-not-found',
    detail: (c) =>
      `Bucket "${c.bucket}" does not exist in the OSS account this service manages; check the name.`,
  },
  NoSuchCname: {
    code: 'cname-not-found',
    detail: (c) => `${c.domain} is not bound to bucket "${c.bucket}".`,
  },
  CnameTokenNotFound: {
    code: 'token-not-found',
    detail: (c) =>
      `No valid token exists for ${c.domain} on bucket "${c.bucket}" (never created, or expired after 72 hours); create one with POST /buckets/${c.bucket}/cname-tokens.`,
  },
  NoNeedCreateCnameToken: {
    code: 'already-bound',
    detail: (c) =>
      `${c.domain} is already bound to bucket "${c.bucket}", so no ownership token is needed; read it with GET /buckets/${c.bucket}/cnames/${c.domain}.`,
  },
  TooManyCnameToken: {
    code: 'token-quota-exceeded',
    detail: (c) =>
      `Bucket "${c.bucket}" holds the maximum of 1000 live tokens; reuse existing tokens or wait for them to expire (72 hours after creation).`,
  },
  // Not a passing fault: retrying cannot help until a binding is removed.
  TooManyCname: {
    code: 'cname-quota-exceeded',
    detail: (c) =>
      `Bucket "${c.bucket}" already has the maximum number of bound domains (100); unbind one it no longer needs, or bind ${c.domain} to another bucket.`,
  },
  NeedVerifyDomainOwnership: {
    code: 'domain-ownership-unverified',
    detail: (c) =>
      `OSS cannot see the TXT record _dnsauth.${c.domain} holding this bucket's token yet; publish the record in dnsRecord, wait for DNS to propagate, then retry.`,
  },
  CnameAlreadyExists: {
    code: 'domain-bound-to-other-bucket',
    detail: (c) =>
      `${c.domain} is bound to another bucket of this OSS account (or to legacy image processing); unbind it there first, then retry.`,
    extensions: (_c, f) => (f.fields.CnameType ? { cnameType: f.fields.CnameType } : {}),
  },
  CnameDenied: {
    code: 'domain-held-by-other-account',
    detail: (c) =>
      `${c.domain} is bound to a bucket of another Alibaba Cloud account, and only that account can unbind it: ask its owner to remove the binding (DeleteCname, or the OSS console), then retry. If the domain is yours and that account cannot be reached, open a ticket with Alibaba Cloud support to reclaim it (expect to prove ownership, e.g. with the TXT record _dnsauth.${c.domain}); this service cannot take a domain over.`,
  },
  CnameIsForbidden: {
    code: 'domain-forbidden',
    detail: (c) =>
      `OSS does not allow ${c.domain} to be bound (a name reserved by Alibaba Cloud); use another domain.`,
  },
  CnameIsRisk: {
    code: 'domain-flagged-risky',
    detail: (c) =>
      `OSS flagged ${c.domain} as high-risk and refuses to bind it; contact Alibaba Cloud support or use another domain.`,
  },
  NoSuchCnameInRecord: {
    code: 'icp-filing-required',
    detail: (c) =>
      `Bucket "${c.bucket}" is in ${c.region}, a mainland China region, where a bound domain needs an ICP filing; file ${c.domain} with the MIIT (or use a bucket outside mainland China), then retry. OSS's code for this, NoSuchCnameInRecord, is about the ICP filing record, not about DNS: DNS changes do not help.`,
    extensions: (c) => ({ region: c.region }),
  },
  CertificateInvalidCasId: {
    code: 'certificate-id-unknown',
    detail: () =>
      'Alibaba Cloud Certificate Management Service knows no certificate with this certId for this account; use the id shown there, in the form <numeric id>-<region>.',
  },
  InvalidArgument: {
    code: 'invalid-argument',
    detail: (_c, f) =>
      `OSS rejected the request: ${f.message ?? 'an argument is invalid'}. Correct it and retry.`,
    showOssMessage: true,
  },
  MalformedXML: {
    code: 'upstream-rejected-request',
    detail: () =>
      'OSS could not parse a request this service built; this is a service bug, please report the requestId.',
  },
  RequestTimeTooSkewed: {
    code: 'upstream-clock-skew',
    detail: () =>
      "OSS rejected the service's request time; operators must fix the server clock (NTP). Retry later.",
  },
  InvalidAccessKeyId: UPSTREAM_CREDENTIALS,
  SignatureDoesNotMatch: UPSTREAM_CREDENTIALS,
  InvalidSecurityToken: UPSTREAM_CREDENTIALS,
  SecurityTokenExpired: UPSTREAM_CREDENTIALS,
  AccessKeyIdAndSecurityTokenNotMatch: UPSTREAM_CREDENTIALS,
  UserDisable: UPSTREAM_CREDENTIALS,
  AccessDenied: UPSTREAM_CREDENTIALS,
};

/** InvalidArgument ECs that mean something more precise than "bad argument". */
const INVALID_ARGUMENT_BY_EC: Readonly<Record<string, Mapping>> = {
  // PreviousCertId no longer equals the bound certificate: someone changed it since we read it.
  '0018-00000209': {
    code: 'precondition-failed',
    detail: (c) =>
      `The certificate of ${c.domain} changed after it was read; GET the binding for its new ETag, then retry with If-Match.`,
  },
  '0018-00000206': {
    code: 'invalid-certificate-id',
    detail: () => 'OSS accepts certificate ids shorter than 64 bytes, in the form <numeric id>-<region>.',
  },
};

const UPSTREAM_ERROR: Mapping = {
  code: 'upstream-error',
  detail: () =>
    'OSS answered with an error this service cannot act on; retry later, and report the requestId if it persists.',
};

const UPSTREAM_BUSY: Mapping = {
  code: 'upstream-busy',
  detail: () => 'OSS is throttling requests; retry after the number of seconds in Retry-After.',
};

/** Failures without an OSS verdict to read: what the client met before, or instead of, an answer. */
const BY_KIND: Readonly<Record<Exclude<OssFailureKind, 'service'>, Mapping>> = {
  timeout: {
    code: 'upstream-timeout',
    detail: () =>
      'OSS did not answer in time; the change may or may not have been applied, so read the current state before retrying.',
  },
  network: {
    code: 'upstream-unreachable',
    detail: () => 'The service could not reach OSS; retry after the number of seconds in Retry-After.',
  },
  credentials: UPSTREAM_CREDENTIALS,
  // The client refused an argument before sending it; our own validation should have caught it first.
  rejected: {
    code: 'invalid-argument',
    detail: (c) =>
      `The bucket "${c.bucket}" or domain ${c.domain} cannot be sent to OSS as given; check both names.`,
  },
  client: UPSTREAM_ERROR,
};

const RETRY_AFTER_SECONDS = '5';

/** Details read naturally when the caller did not say which bucket, domain or region. */
function withPlaceholders(context: OssCallContext): Required<OssCallContext> {
  return {
    bucket: context.bucket ?? 'the bucket',
    domain: context.domain ?? 'the domain',
    region: context.region ?? 'its region',
  };
}

/** The problem for an OSS client failure, or undefined when `error` did not come from the OSS client. */
export function ossProblem(error: unknown, context: OssCallContext = {}): ProblemError | undefined {
  const failure = readOssFailure(error);
  if (!failure) return undefined;
  const mapping = mappingFor(failure);
  const ctx = withPlaceholders(context);
  const headers: Record<string, string> = {};
  if (PROBLEM_CATALOGUE[mapping.code].retryAfter === 'always') headers['retry-after'] = RETRY_AFTER_SECONDS;
  return problem(mapping.code, mapping.detail(ctx, failure), {
    headers,
    cause: error,
    extensions: {
      ...mapping.extensions?.(context, failure),
      ...(mapping.showOssMessage && failure.message ? { ossMessage: failure.message } : {}),
      // Only what OSS itself said: our client's local codes (ReadTimeout, …) are not OSS codes.
      ...(failure.kind === 'service'
        ? { ossRequestId: failure.requestId, ossCode: failure.code, ossEc: failure.ec }
        : { ossRequestId: failure.requestId }),
    },
  });
}

export function mappingFor(failure: OssFailure): Mapping {
  if (failure.kind !== 'service') return BY_KIND[failure.kind];
  const code = failure.code;
  if (code === 'InvalidArgument' && failure.ec && INVALID_ARGUMENT_BY_EC[failure.ec]) {
    return INVALID_ARGUMENT_BY_EC[failure.ec] as Mapping;
  }
  if (code === 'AccessDenied' && isBucketOfAnotherAccount(failure)) return BUCKET_OF_ANOTHER_ACCOUNT;
  const known = Object.hasOwn(OSS_CODE_MAP, code) ? OSS_CODE_MAP[code] : undefined;
  if (known) return known;
  if (failure.status === 429 || failure.status === 503) return UPSTREAM_BUSY;
  return UPSTREAM_ERROR;
}

/**
 * The problem OSS's answer `code` would map to, for a verdict the service reaches itself without asking
 * OSS (a dry run that sees the domain bound answers as CreateCnameToken would).
 */
export function problemForOssCode(code: string, context: OssCallContext): ProblemError {
  const mapping = OSS_CODE_MAP[code];
  if (mapping === undefined) throw new Error(`no mapping for OSS code ${code}`);
  const failure: OssFailure = {
    kind: 'service',
    status: undefined,
    code,
    message: undefined,
    requestId: undefined,
    ec: undefined,
    fields: {},
  };
  const ctx = withPlaceholders(context);
  return problem(mapping.code, mapping.detail(ctx, failure), {
    extensions: mapping.extensions?.(context, failure),
  });
}
