// An in-memory OSS (on the shared FakeOssBase) for service tests that need the API routes to succeed without a network.
// Failures are real OssServiceErrors so the API's error mapping treats them as it would live ones.
import { X509Certificate } from 'node:crypto';
import { OssServiceError } from '../../../src/oss/errors.ts';
import type {
  BucketDomainInput,
  BucketInput,
  CertificateConfigurationInput,
  CnameCertificate,
  CnameInfo,
  CnameToken,
  OssAttemptEvent,
  OssObserver,
  PutCnameInput,
} from '../../../src/oss/types.ts';
import { FakeOssBase } from '../../helpers/fake-oss.ts';

const date = (d: Date) => ({ raw: d.toUTCString(), iso: d.toISOString() });

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

export interface FakeOssOptions {
  buckets?: Record<string, string>;
  observer?: OssObserver | undefined;
}

export class FakeOss extends FakeOssBase {
  readonly buckets: Map<string, string>;
  readonly tokens = new Map<string, string>();
  readonly bindings = new Map<string, Map<string, CnameInfo>>();
  readonly #observer: OssObserver | undefined;
  #sequence = 0;
  closed = false;

  constructor(options: FakeOssOptions = {}) {
    super();
    this.buckets = new Map(Object.entries(options.buckets ?? { 'web-site': 'cn-hangzhou' }));
    this.#observer = options.observer;
  }

  #call<T>(operation: string, bucket: string | undefined, run: (requestId: string) => T): Promise<T> {
    const requestId = `FAKE${String(++this.#sequence).padStart(20, '0')}`;
    const event: OssAttemptEvent = {
      operation,
      attempt: 1,
      durationMs: 1,
      status: 200,
      code: undefined,
      requestId,
      willRetry: false,
    };
    try {
      if (bucket !== undefined && !this.buckets.has(bucket)) throw noSuchBucket(operation, bucket, requestId);
      const result = run(requestId);
      this.#observer?.onAttempt?.(event);
      return Promise.resolve(result);
    } catch (error) {
      const failed = error as OssServiceError;
      this.#observer?.onAttempt?.({ ...event, status: failed.status, code: failed.code });
      return Promise.reject(error);
    }
  }

  #token(bucket: string, domain: string, requestId: string): CnameToken {
    const token = this.tokens.get(`${bucket}/${domain}`);
    if (token === undefined) throw serviceError('GetCnameToken', 404, 'CnameTokenNotFound', requestId);
    return {
      status: 200,
      requestId,
      bucket,
      domain,
      token,
      expireTime: date(new Date(Date.now() + 72 * 3600e3)),
    };
  }

  createCnameToken({ bucket, domain }: BucketDomainInput): Promise<CnameToken> {
    return this.#call('CreateCnameToken', bucket, (id) => {
      const key = `${bucket}/${domain}`;
      if (!this.tokens.has(key)) this.tokens.set(key, `${this.#sequence}`.padStart(32, 'a'));
      return this.#token(bucket, domain, id);
    });
  }

  getCnameToken({ bucket, domain }: BucketDomainInput): Promise<CnameToken> {
    return this.#call('GetCnameToken', bucket, (id) => this.#token(bucket, domain, id));
  }

  putCname({ bucket, domain, certificate }: PutCnameInput) {
    return this.#call('PutCname', bucket, (requestId) => {
      const list = this.bindings.get(bucket) ?? new Map<string, CnameInfo>();
      // Keeps what was attached, so the service's read-back after PutCname sees its own certificate.
      const kept = certificate?.deleteCertificate ? undefined : list.get(domain)?.certificate;
      list.set(domain, {
        domain,
        lastModified: date(new Date()),
        status: 'Enabled',
        certificate: certificate === undefined ? kept : (attached(certificate) ?? kept),
        isWildcard: false,
      });
      this.bindings.set(bucket, list);
      return { status: 200, requestId };
    });
  }

  listCname({ bucket }: BucketInput) {
    return this.#call('ListCname', bucket, (requestId) => ({
      status: 200,
      requestId,
      bucket,
      owner: '1000000000000001',
      cnames: [...(this.bindings.get(bucket)?.values() ?? [])],
    }));
  }

  deleteCname({ bucket, domain }: BucketDomainInput) {
    return this.#call('DeleteCname', bucket, (requestId) => {
      this.bindings.get(bucket)?.delete(domain);
      return { status: 200, requestId };
    });
  }

  getBucketLocation({ bucket }: BucketInput) {
    return this.#call('GetBucketLocation', bucket, (requestId) => {
      const region = this.buckets.get(bucket) ?? '';
      return { status: 200, requestId, location: `oss-${region}`, region };
    });
  }

  getBucketInfo({ bucket }: BucketInput) {
    return this.#call('GetBucketInfo', bucket, (requestId) => {
      const region = this.buckets.get(bucket) ?? '';
      return {
        status: 200,
        requestId,
        name: bucket,
        location: `oss-${region}`,
        region,
        extranetEndpoint: `oss-${region}.aliyuncs.com`,
        intranetEndpoint: `oss-${region}-internal.aliyuncs.com`,
        creationDate: date(new Date(0)),
        storageClass: 'Standard',
        ownerId: '1000000000000001',
        ownerDisplayName: '1000000000000001',
      };
    });
  }

  listBuckets() {
    return this.#call('ListBuckets', undefined, (requestId) => ({
      status: 200,
      requestId,
      buckets: [],
      isTruncated: false,
      nextMarker: undefined,
      ownerId: '1000000000000001',
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function serviceError(operation: string, status: number, code: string, requestId: string): OssServiceError {
  return new OssServiceError({
    status,
    operation,
    requestId,
    ec: '',
    headers: {},
    code,
    message: code,
    hostId: 'fake',
    fields: {},
  });
}

function noSuchBucket(operation: string, bucket: string, requestId: string): OssServiceError {
  return serviceError(operation, 404, 'NoSuchBucket', requestId ?? bucket);
}
