import { SkewClock } from './clock.ts';
import { staticCredentials } from './credentials/static.ts';
import { type Credentials, type CredentialsProvider, isCredentialsProvider } from './credentials/types.ts';
import { type EndpointOptions, normalizeRegion, type ResolvedEndpoint, resolveEndpoint } from './endpoint.ts';
import { type InvokeDeps, invoke } from './invoke.ts';
import type { OssInvoker } from './layers.ts';
import type { OperationSpec } from './operations/spec.ts';
import type { SignatureVersion } from './request.ts';
import { type RetryOptions, retryPolicy } from './retry.ts';
import { DEFAULT_PRODUCT } from './signer/index.ts';
import { Transport } from './transport.ts';
import type { CallOptions, OssObserver } from './types.ts';
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

/** The OSS client the service uses; requests are byte-compatible with the official Python SDK V2. */
export class OssClient implements OssInvoker {
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

  /**
   * The client's one entry point: runs any operation spec (src/oss/operations) with retries and signing.
   * Wrap it with layered() for the breaker and settle layers.
   */
  invoke<I, O>(op: OperationSpec<I, O>, input: I, opts: CallOptions = {}): Promise<O> {
    const region = opts.region === undefined ? this.region : normalizeRegion(opts.region);
    return invoke(this.#deps, op, input, {
      endpoint: this.#endpointFor(region),
      region,
      maxAttempts: opts.maxAttempts ?? this.#deps.policy.maxAttempts,
      signal: opts.signal,
    });
  }

  /** Closes every connection pool; later calls fail with code ClientClosed. */
  close(): Promise<void> {
    return this.#deps.transport.close();
  }
}
