// A small in-memory OSS for unit tests of the service layer (on the shared FakeOssBase): records every call, and lets a test
// script failures. The HTTP and end-to-end tests use the real client against the emulator instead.

import type {
  BucketDomainInput,
  BucketInput,
  CallOptions,
  CnameInfo,
  CnameToken,
  ListBucketsInput,
  OssResponseMeta,
  PutCnameInput,
} from '../../../src/oss/types.ts';
import { FakeOssBase } from '../../helpers/fake-oss.ts';
import { serviceError } from './oss-errors.ts';

export interface FakeCall {
  operation: string;
  input: unknown;
  region: string | undefined;
}

const meta = (): OssResponseMeta => ({ status: 200, requestId: 'FAKE00000000000000000000' });
const date = (iso: string) => ({ raw: iso, iso });

export class FakeOss extends FakeOssBase {
  readonly calls: FakeCall[] = [];
  /** bucket → region. */
  readonly buckets = new Map<string, string>();
  readonly bindings = new Map<string, CnameInfo[]>();
  readonly tokens = new Map<string, string>();
  /** Thrown by the next call of the named operation, once. */
  readonly failNext = new Map<string, Error>();

  addBucket(bucket: string, region: string): this {
    this.buckets.set(bucket, region);
    this.bindings.set(bucket, []);
    return this;
  }

  async getBucketLocation(input: BucketInput, opts?: CallOptions) {
    const region = this.#enter('GetBucketLocation', input, opts, input.bucket);
    return { ...meta(), location: `oss-${region}`, region };
  }

  async listCname(input: BucketInput, opts?: CallOptions) {
    this.#enter('ListCname', input, opts, input.bucket);
    return {
      ...meta(),
      bucket: input.bucket,
      owner: 'owner',
      cnames: [...(this.bindings.get(input.bucket) ?? [])],
    };
  }

  async putCname(input: PutCnameInput, opts?: CallOptions) {
    this.#enter('PutCname', input, opts, input.bucket);
    const list = this.bindings.get(input.bucket) ?? [];
    const existing = list.find((b) => b.domain === input.domain);
    const cert = input.certificate;
    const certificate = cert?.deleteCertificate
      ? undefined
      : cert?.certId
        ? {
            type: 'CAS',
            certId: cert.certId,
            status: 'Enabled',
            creationDate: date('2026-01-01T00:00:00.000Z'),
            fingerprint: '00:11',
            validStartDate: date('2026-01-01T00:00:00.000Z'),
            validEndDate: date('2027-01-01T00:00:00.000Z'),
          }
        : existing?.certificate;
    const next: CnameInfo = {
      domain: input.domain,
      status: 'Enabled',
      isWildcard: false,
      lastModified: date('2026-01-01T00:00:00.000Z'),
      certificate,
    };
    this.bindings.set(input.bucket, [...list.filter((b) => b.domain !== input.domain), next]);
    return meta();
  }

  async deleteCname(input: BucketDomainInput, opts?: CallOptions) {
    this.#enter('DeleteCname', input, opts, input.bucket);
    const list = this.bindings.get(input.bucket) ?? [];
    this.bindings.set(
      input.bucket,
      list.filter((b) => b.domain !== input.domain),
    );
    return meta();
  }

  async createCnameToken(input: BucketDomainInput, opts?: CallOptions): Promise<CnameToken> {
    this.#enter('CreateCnameToken', input, opts, input.bucket);
    const key = `${input.bucket}/${input.domain}`;
    const token = this.tokens.get(key) ?? `token${this.tokens.size + 1}`.padEnd(32, '0');
    this.tokens.set(key, token);
    return this.#token(input, token);
  }

  async getCnameToken(input: BucketDomainInput, opts?: CallOptions): Promise<CnameToken> {
    this.#enter('GetCnameToken', input, opts, input.bucket);
    const token = this.tokens.get(`${input.bucket}/${input.domain}`);
    if (!token) throw serviceError(404, 'CnameTokenNotFound', { ec: '0018-00000301' });
    return this.#token(input, token);
  }

  getBucketInfo(): never {
    throw new Error('not used by the service');
  }

  /** Sorted by name, paged by marker and maxKeys as OSS pages them. */
  async listBuckets(input: ListBucketsInput = {}) {
    this.calls.push({ operation: 'ListBuckets', input, region: undefined });
    const scripted = this.failNext.get('ListBuckets');
    if (scripted) {
      this.failNext.delete('ListBuckets');
      throw scripted;
    }
    const names = [...this.buckets.keys()]
      .sort()
      .filter((name) => input.marker === undefined || name > input.marker);
    const page = names.slice(0, input.maxKeys ?? 100);
    const isTruncated = page.length < names.length;
    return {
      ...meta(),
      buckets: page.map((name) => {
        const region = this.buckets.get(name) ?? '';
        return {
          name,
          location: `oss-${region}`,
          region,
          creationDate: date('2026-01-01T00:00:00.000Z'),
          extranetEndpoint: undefined,
          intranetEndpoint: undefined,
          storageClass: undefined,
        };
      }),
      isTruncated,
      nextMarker: isTruncated ? page.at(-1) : undefined,
      ownerId: 'owner',
    };
  }

  async close() {}

  operations(): string[] {
    return this.calls.map((c) => c.operation);
  }

  #token(input: BucketDomainInput, token: string): CnameToken {
    return {
      ...meta(),
      bucket: input.bucket,
      domain: input.domain,
      token,
      expireTime: { raw: 'Wed, 23 Feb 2022 21:16:37 GMT', iso: '2022-02-23T21:16:37.000Z' },
    };
  }

  /** Records the call and applies OSS's rules on bucket and region; returns the bucket's region. */
  #enter(operation: string, input: unknown, opts: CallOptions | undefined, bucket: string): string {
    this.calls.push({ operation, input, region: opts?.region });
    const scripted = this.failNext.get(operation);
    if (scripted) {
      this.failNext.delete(operation);
      throw scripted;
    }
    const region = this.buckets.get(bucket);
    if (region === undefined) throw serviceError(404, 'NoSuchBucket', { ec: '0015-00000101' });
    // Like OSS: a request signed for another region gets the wrong-endpoint answer naming the right one.
    if (opts?.region !== region) {
      throw serviceError(403, 'AccessDenied', {
        ec: '0003-00001403',
        fields: { Endpoint: `oss-${region}.aliyuncs.com`, Bucket: bucket },
        message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
      });
    }
    return region;
  }
}
