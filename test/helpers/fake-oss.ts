// The one in-memory OSS for tests that need no network: a method per operation it plays (named like the op
// spec, `PutCname` → `putCname`) behind the same `invoke(op, …)` seam as the real client. It applies OSS's
// rules on buckets and regions (a call signed for another region gets the wrong-endpoint answer), records
// every call, tells the app's observer about each one, and fails the calls a test scripts with real
// OssServiceErrors. Answers an op spec treats as success (NoSuchCname on DeleteCname) are recovered here
// exactly as the client does. HTTP and end-to-end tests use the real client against the emulator instead.
import { X509Certificate } from 'node:crypto';
import { OssServiceError } from '../../src/oss/errors.ts';
import type { OperationSpec, OssInvoker } from '../../src/oss/index.ts';
import type {
  BucketDomainInput,
  BucketInput,
  CallOptions,
  CertificateConfigurationInput,
  CnameCertificate,
  CnameInfo,
  CnameToken,
  ListBucketsInput,
  OssObserver,
  OssResponseMeta,
  PutCnameInput,
} from '../../src/oss/types.ts';
import { serviceError } from './oss-errors.ts';

/** `PutCname` → `putCname`: the method a fake plays an operation with. */
export function methodOf(op: { name: string }): string {
  return op.name.charAt(0).toLowerCase() + op.name.slice(1);
}

export interface FakeCall {
  operation: string;
  input: unknown;
  region: string | undefined;
}

export interface FakeOssOptions {
  /** bucket → region; none unless given (add more with addBucket). */
  buckets?: Record<string, string>;
  /** Told about every call, as the real client tells the app's metrics. */
  observer?: OssObserver | undefined;
}

type Handler = (input: unknown) => Promise<unknown>;

const date = (d: Date) => ({ raw: d.toUTCString(), iso: d.toISOString() });

/** What OSS shows for an attached certificate: read from the PEM, or a CAS one for a bare certId. */
function attached(config: CertificateConfigurationInput): CnameCertificate | undefined {
  const pem = config.certificate;
  if (config.certId === undefined && pem === undefined) return undefined;
  const x509 = pem === undefined ? undefined : new X509Certificate(pem);
  const now = new Date();
  return {
    type: x509 ? 'Upload' : 'CAS',
    certId: config.certId ?? `${x509?.serialNumber ?? 'upload'}-cn-hangzhou`,
    status: 'Enabled',
    creationDate: date(now),
    fingerprint: x509?.fingerprint ?? '',
    validStartDate: date(x509 ? new Date(x509.validFrom) : now),
    validEndDate: date(x509 ? new Date(x509.validTo) : new Date(now.getTime() + 365 * 86_400_000)),
  };
}

export class FakeOss implements OssInvoker {
  readonly calls: FakeCall[] = [];
  /** bucket → region. */
  readonly buckets = new Map<string, string>();
  readonly bindings = new Map<string, CnameInfo[]>();
  /** `bucket/domain` → token. */
  readonly tokens = new Map<string, string>();
  /** Thrown by the next call of the named operation (`PutCname`), once. */
  readonly failNext = new Map<string, Error>();
  closed = false;
  #observer: OssObserver | undefined;
  #sequence = 0;

  constructor(options: FakeOssOptions = {}) {
    for (const [bucket, region] of Object.entries(options.buckets ?? {})) this.addBucket(bucket, region);
    this.#observer = options.observer;
  }

  /** Tells `observer` about every call from now on (the app builder hands over the app's). */
  observe(observer: OssObserver): void {
    this.#observer = observer;
  }

  addBucket(bucket: string, region: string): this {
    this.buckets.set(bucket, region);
    this.bindings.set(bucket, []);
    return this;
  }

  operations(): string[] {
    return this.calls.map((c) => c.operation);
  }

  async invoke<I, O>(op: OperationSpec<I, O>, input: I, opts?: CallOptions): Promise<O> {
    const handler = (this as unknown as Record<string, Handler | undefined>)[methodOf(op)];
    if (typeof handler !== 'function') throw new Error(`this fake does not play ${op.name}`);
    this.calls.push({ operation: op.name, input, region: opts?.region });
    const event = { operation: op.name, attempt: 1, durationMs: 1, willRetry: false };
    try {
      const scripted = this.failNext.get(op.name);
      if (scripted) {
        this.failNext.delete(op.name);
        throw scripted;
      }
      const { bucket } = input as { bucket?: unknown };
      if (typeof bucket === 'string') this.#checkRegion(op.name, bucket, opts);
      const output = (await handler.call(this, input)) as O & OssResponseMeta;
      this.#observer?.onAttempt?.({ ...event, status: 200, code: undefined, requestId: output.requestId });
      return output;
    } catch (error) {
      const failed = error instanceof OssServiceError ? error : undefined;
      this.#observer?.onAttempt?.({
        ...event,
        status: failed?.status,
        code: failed?.code,
        requestId: failed?.requestId,
      });
      const recovered = failed ? op.recover?.(failed) : undefined;
      if (recovered !== undefined) return recovered;
      throw error;
    }
  }

  async getBucketLocation(input: BucketInput) {
    const region = this.#regionOf('GetBucketLocation', input.bucket);
    return { ...this.#meta(), location: `oss-${region}`, region };
  }

  async getBucketInfo(input: BucketInput) {
    const region = this.#regionOf('GetBucketInfo', input.bucket);
    return {
      ...this.#meta(),
      name: input.bucket,
      location: `oss-${region}`,
      region,
      extranetEndpoint: `oss-${region}.aliyuncs.com`,
      intranetEndpoint: `oss-${region}-internal.aliyuncs.com`,
      creationDate: date(new Date(0)),
      storageClass: 'Standard',
      ownerId: '1000000000000001',
      ownerDisplayName: '1000000000000001',
    };
  }

  async listCname(input: BucketInput) {
    this.#regionOf('ListCname', input.bucket);
    const cnames = [...(this.bindings.get(input.bucket) ?? [])];
    return { ...this.#meta(), bucket: input.bucket, owner: '1000000000000001', cnames };
  }

  async putCname(input: PutCnameInput) {
    this.#regionOf('PutCname', input.bucket);
    const list = this.bindings.get(input.bucket) ?? [];
    const cert = input.certificate;
    // Keeps what was attached, so the service's read-back after PutCname sees its own certificate.
    const kept = cert?.deleteCertificate
      ? undefined
      : list.find((b) => b.domain === input.domain)?.certificate;
    const next: CnameInfo = {
      domain: input.domain,
      status: 'Enabled',
      isWildcard: false,
      lastModified: date(new Date()),
      certificate: cert === undefined ? kept : (attached(cert) ?? kept),
    };
    this.bindings.set(input.bucket, [...list.filter((b) => b.domain !== input.domain), next]);
    return this.#meta();
  }

  async deleteCname(input: BucketDomainInput) {
    this.#regionOf('DeleteCname', input.bucket);
    const list = this.bindings.get(input.bucket) ?? [];
    this.bindings.set(
      input.bucket,
      list.filter((b) => b.domain !== input.domain),
    );
    return this.#meta();
  }

  async createCnameToken(input: BucketDomainInput): Promise<CnameToken> {
    this.#regionOf('CreateCnameToken', input.bucket);
    const key = `${input.bucket}/${input.domain}`;
    if (!this.tokens.has(key)) this.tokens.set(key, `${this.#sequence + 1}`.padStart(32, 'a'));
    return this.#token('CreateCnameToken', input);
  }

  async getCnameToken(input: BucketDomainInput): Promise<CnameToken> {
    this.#regionOf('GetCnameToken', input.bucket);
    return this.#token('GetCnameToken', input);
  }

  /** Sorted by name, paged by marker and maxKeys as OSS pages them. */
  async listBuckets(input: ListBucketsInput = {}) {
    const names = [...this.buckets.keys()]
      .sort()
      .filter((name) => input.marker === undefined || name > input.marker);
    const page = names.slice(0, input.maxKeys ?? 100);
    const isTruncated = page.length < names.length;
    return {
      ...this.#meta(),
      buckets: page.map((name) => {
        const region = this.buckets.get(name) ?? '';
        return {
          name,
          location: `oss-${region}`,
          region,
          creationDate: date(new Date(0)),
          extranetEndpoint: undefined,
          intranetEndpoint: undefined,
          storageClass: undefined,
        };
      }),
      isTruncated,
      nextMarker: isTruncated ? page.at(-1) : undefined,
      ownerId: '1000000000000001',
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #meta(): OssResponseMeta {
    return { status: 200, requestId: `FAKE${String(++this.#sequence).padStart(20, '0')}` };
  }

  #token(operation: string, input: BucketDomainInput): CnameToken {
    const token = this.tokens.get(`${input.bucket}/${input.domain}`);
    if (!token) throw serviceError(404, 'CnameTokenNotFound', { ec: '0018-00000301', operation });
    return {
      ...this.#meta(),
      bucket: input.bucket,
      domain: input.domain,
      token,
      expireTime: date(new Date(Date.now() + 72 * 3600e3)),
    };
  }

  #regionOf(operation: string, bucket: string): string {
    const region = this.buckets.get(bucket);
    if (region === undefined) throw serviceError(404, 'NoSuchBucket', { ec: '0015-00000101', operation });
    return region;
  }

  // Like OSS: a request signed for another region gets the wrong-endpoint answer naming the right one.
  // Only calls through invoke() are checked; a test seeding state calls the methods directly.
  #checkRegion(operation: string, bucket: string, opts: CallOptions | undefined): void {
    const region = this.#regionOf(operation, bucket);
    if (opts?.region !== region) {
      throw serviceError(403, 'AccessDenied', {
        ec: '0003-00001403',
        operation,
        fields: { Endpoint: `oss-${region}.aliyuncs.com`, Bucket: bucket },
        message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
      });
    }
  }
}
