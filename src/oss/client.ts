import { SkewClock } from './clock.ts';
import { staticCredentials } from './credentials/static.ts';
import { type Credentials, type CredentialsProvider, isCredentialsProvider } from './credentials/types.ts';
import { type EndpointOptions, normalizeRegion, type ResolvedEndpoint, resolveEndpoint } from './endpoint.ts';
import { type InvokeDeps, invoke } from './invoke.ts';
import { getBucketInfo, getBucketLocation, listBuckets } from './operations/bucket.ts';
import { createCnameToken, deleteCname, getCnameToken, listCname, putCname } from './operations/cname.ts';
import type { OperationSpec } from './operations/spec.ts';
import type { SignatureVersion } from './request.ts';
import { type RetryOptions, retryPolicy } from './retry.ts';
import { DEFAULT_PRODUCT } from './signer/index.ts';
import { Transport } from './transport.ts';
import type {
  BucketDomainInput,
  BucketInfo,
  BucketInput,
  BucketLocation,
  CallOptions,
  CnameApi,
  CnameToken,
  ListBucketsInput,
  ListBucketsResult,
  ListCnameResult,
  OssObserver,
  OssResponseMeta,
  PutCnameInput,
} from './types.ts';
import { userAgent } from './user-agent.ts';

export interface OssClientOptions extends EndpointOptions {
  /** Static keys or a provider (environment, ECS RAM role, @alicloud/credentials adapter...). */
  credentials: CredentialsProvider | Credentials;
  signatureVersion?: SignatureVersion | undefined;
  retry?: RetryOptions | undefined;
  /** Default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** Default 20 s: for the response headers, and for each pause while the body arrives. */
  readTimeoutMs?: number | undefined;
  /** Default 1 MiB. */
  maxResponseBytes?: number | undefined;
  userAgentSuffix?: string | undefined;
  /** Epoch milliseconds; the signing clock before any skew correction. */
  clock?: (() => number) | undefined;
  observer?: OssObserver | undefined;
  /** V4 scope product; `oss` unless you talk to a CloudBox (`oss-cloudbox`). */
  product?: string | undefined;
}

/** Per-call options; adds an attempt limit to the CnameApi's CallOptions. */
export interface OssCallOptions extends CallOptions {
  /** Overrides the client's retry.maxAttempts for this call (1 = no retry). */
  maxAttempts?: number | undefined;
}

/** The OSS client the service uses; requests are byte-compatible with the official Python SDK V2. */
export class OssClient implements CnameApi {
  readonly region: string;
  readonly #deps: InvokeDeps;
  readonly #endpointOptions: EndpointOptions;
  readonly #endpoints = new Map<string, ResolvedEndpoint>();

  constructor(options: OssClientOptions) {
    this.region = normalizeRegion(options.region);
    this.#endpointOptions = { ...options, region: this.region };
    this.#endpointFor(this.region); // fail fast on a bad endpoint
    const credentials = isCredentialsProvider(options.credentials)
      ? options.credentials
      : staticCredentials(options.credentials);
    this.#deps = {
      transport: new Transport({
        connectTimeoutMs: options.connectTimeoutMs,
        readTimeoutMs: options.readTimeoutMs,
        maxResponseBytes: options.maxResponseBytes,
      }),
      credentials,
      clock: new SkewClock(options.clock),
      policy: retryPolicy(options.retry),
      observer: options.observer,
      product: options.product ?? DEFAULT_PRODUCT,
      signatureVersion: options.signatureVersion ?? 'v4',
      userAgent: userAgent(options.userAgentSuffix),
    };
  }

  /** Current correction applied to the signing clock, learned from RequestTimeTooSkewed answers. */
  get clockOffsetMs(): number {
    return this.#deps.clock.offsetMs;
  }

  #endpointFor(region: string): ResolvedEndpoint {
    let endpoint = this.#endpoints.get(region);
    if (!endpoint) {
      endpoint = resolveEndpoint({ ...this.#endpointOptions, region });
      this.#endpoints.set(region, endpoint);
    }
    return endpoint;
  }

  /** Runs any operation spec; the named methods below are thin wrappers. */
  invoke<I, O>(op: OperationSpec<I, O>, input: I, opts: OssCallOptions = {}): Promise<O> {
    const region = opts.region === undefined ? this.region : normalizeRegion(opts.region);
    return invoke(this.#deps, op, input, {
      endpoint: this.#endpointFor(region),
      region,
      maxAttempts: opts.maxAttempts ?? this.#deps.policy.maxAttempts,
      signal: opts.signal,
    });
  }

  createCnameToken(input: BucketDomainInput, opts?: OssCallOptions): Promise<CnameToken> {
    return this.invoke(createCnameToken, input, opts);
  }

  getCnameToken(input: BucketDomainInput, opts?: OssCallOptions): Promise<CnameToken> {
    return this.invoke(getCnameToken, input, opts);
  }

  putCname(input: PutCnameInput, opts?: OssCallOptions): Promise<OssResponseMeta> {
    return this.invoke(putCname, input, opts);
  }

  listCname(input: BucketInput, opts?: OssCallOptions): Promise<ListCnameResult> {
    return this.invoke(listCname, input, opts);
  }

  deleteCname(input: BucketDomainInput, opts?: OssCallOptions): Promise<OssResponseMeta> {
    return this.invoke(deleteCname, input, opts);
  }

  getBucketLocation(input: BucketInput, opts?: OssCallOptions): Promise<BucketLocation> {
    return this.invoke(getBucketLocation, input, opts);
  }

  getBucketInfo(input: BucketInput, opts?: OssCallOptions): Promise<BucketInfo> {
    return this.invoke(getBucketInfo, input, opts);
  }

  listBuckets(input: ListBucketsInput = {}, opts?: OssCallOptions): Promise<ListBucketsResult> {
    return this.invoke(listBuckets, input, opts);
  }

  /** Closes every connection pool; later calls fail with code ClientClosed. */
  close(): Promise<void> {
    return this.#deps.transport.close();
  }
}
