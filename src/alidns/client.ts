// A small Alibaba Cloud DNS client: the three record actions the ACME DNS-01 flow needs, signed with
// ACS3-HMAC-SHA256, retried only where that is safe (./retry.ts).

import type { z } from 'zod';
import { isCredentialsProvider } from '../oss/credentials/types.ts';
import type { Credentials, CredentialsProvider } from '../oss/index.ts';
import { backoffMs, type RetryOptions, retryPolicy } from '../oss/retry.ts';
import { AlidnsBadResponseError, AlidnsCredentialsError } from './errors.ts';
import { acsDate, buildAlidnsRequest, newNonce, type ParamValue } from './request.ts';
import { type Repeatability, shouldRetry } from './retry.ts';
import {
  addRecordResponse,
  type DomainRecord,
  deleteRecordResponse,
  describeRecordsResponse,
  type RecordPage,
} from './schemas.ts';
import { AlidnsTransport } from './transport.ts';

export const DEFAULT_ALIDNS_ENDPOINT = 'alidns.aliyuncs.com';
/** DescribeDomainRecords' largest PageSize. */
const MAX_PAGE_SIZE = 500;

export interface AlidnsClientOptions {
  /** Host or origin; a bare host means https. Default alidns.aliyuncs.com. */
  endpoint?: string | undefined;
  credentials: Credentials | CredentialsProvider;
  userAgent?: string | undefined;
  connectTimeoutMs?: number | undefined;
  readTimeoutMs?: number | undefined;
  retry?: RetryOptions | undefined;
  /** Epoch milliseconds for `x-acs-date`; default Date.now. */
  now?: (() => number) | undefined;
  /** `x-acs-signature-nonce` per attempt; default 32 random hex characters. */
  nonce?: (() => string) | undefined;
}

export interface AddRecordInput {
  domainName: string;
  /** Host record relative to the domain: `www`, `_acme-challenge.x`, `@` for the apex. */
  rr: string;
  type: string;
  value: string;
  ttl?: number | undefined;
}

export interface DescribeRecordsInput {
  domainName: string;
  /** Matches records whose RR contains it (Alidns's fuzzy search). */
  rrKeyWord?: string | undefined;
  type?: string | undefined;
  pageNumber?: number | undefined;
  /** 1–500; Alidns's default is 20. */
  pageSize?: number | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

function originOf(endpoint: string): string {
  return new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).origin;
}

function toRecord(r: ReturnType<typeof describeRecordsResponse.parse>['DomainRecords']['Record'][number]) {
  return {
    recordId: r.RecordId,
    domainName: r.DomainName,
    rr: r.RR,
    type: r.Type,
    value: r.Value,
    ttl: r.TTL,
    line: r.Line,
    status: r.Status,
  } satisfies DomainRecord;
}

export class AlidnsClient {
  readonly origin: string;
  readonly #credentials: Credentials | CredentialsProvider;
  readonly #transport: AlidnsTransport;
  readonly #retry: ReturnType<typeof retryPolicy>;
  readonly #userAgent: string;
  readonly #now: () => number;
  readonly #nonce: () => string;

  constructor(options: AlidnsClientOptions) {
    this.origin = originOf(options.endpoint ?? DEFAULT_ALIDNS_ENDPOINT);
    this.#credentials = options.credentials;
    this.#transport = new AlidnsTransport({
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      readTimeoutMs: options.readTimeoutMs ?? 20_000,
      maxResponseBytes: 4 * 1024 * 1024,
    });
    this.#retry = retryPolicy(options.retry);
    this.#userAgent = options.userAgent ?? 'oss-cname-service/0.1.0 alidns';
    this.#now = options.now ?? Date.now;
    this.#nonce = options.nonce ?? newNonce;
  }

  /** Adds one record; resolves with its RecordId. */
  async addDomainRecord(input: AddRecordInput, opts: CallOptions = {}): Promise<string> {
    const params = {
      DomainName: input.domainName,
      RR: input.rr,
      Type: input.type,
      Value: input.value,
      TTL: input.ttl,
    };
    const body = await this.#call('AddDomainRecord', params, 'once', opts.signal);
    return this.#parse('AddDomainRecord', addRecordResponse, body).RecordId;
  }

  async deleteDomainRecord(recordId: string, opts: CallOptions = {}): Promise<void> {
    const body = await this.#call('DeleteDomainRecord', { RecordId: recordId }, 'repeatable', opts.signal);
    this.#parse('DeleteDomainRecord', deleteRecordResponse, body);
  }

  async describeDomainRecords(input: DescribeRecordsInput, opts: CallOptions = {}): Promise<RecordPage> {
    const params = {
      DomainName: input.domainName,
      RRKeyWord: input.rrKeyWord,
      Type: input.type,
      PageNumber: input.pageNumber,
      PageSize: input.pageSize,
    };
    const body = await this.#call('DescribeDomainRecords', params, 'repeatable', opts.signal);
    const page = this.#parse('DescribeDomainRecords', describeRecordsResponse, body);
    return {
      requestId: page.RequestId,
      totalCount: page.TotalCount,
      pageNumber: page.PageNumber,
      pageSize: page.PageSize,
      records: page.DomainRecords.Record.map(toRecord),
    };
  }

  /** Every matching record, reading page after page (500 a page unless told) until the total is reached. */
  async listDomainRecords(
    input: Omit<DescribeRecordsInput, 'pageNumber'>,
    opts: CallOptions = {},
  ): Promise<DomainRecord[]> {
    const records: DomainRecord[] = [];
    const pageSize = input.pageSize ?? MAX_PAGE_SIZE;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await this.describeDomainRecords({ ...input, pageNumber, pageSize }, opts);
      records.push(...page.records);
      if (page.records.length === 0 || records.length >= page.totalCount) return records;
    }
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  #parse<T>(action: string, schema: z.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body);
    if (!result.success) throw new AlidnsBadResponseError(action, 200, 'the body lacks the expected fields');
    return result.data;
  }

  async #credentialsFor(action: string, signal?: AbortSignal): Promise<Credentials> {
    if (!isCredentialsProvider(this.#credentials)) return this.#credentials;
    try {
      return await this.#credentials.getCredentials(signal);
    } catch (err) {
      throw new AlidnsCredentialsError(action, err);
    }
  }

  async #call(
    action: string,
    params: Record<string, ParamValue>,
    mode: Repeatability,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      // A fresh date, nonce and (possibly refreshed) credentials per attempt: Alidns refuses replays.
      const credentials = await this.#credentialsFor(action, signal);
      const req = buildAlidnsRequest({
        origin: this.origin,
        action,
        params,
        credentials,
        userAgent: this.#userAgent,
        date: acsDate(this.#now()),
        nonce: this.#nonce(),
      });
      try {
        return await this.#transport.send(action, req, signal);
      } catch (err) {
        if (attempt >= this.#retry.maxAttempts || signal?.aborted || !shouldRetry(err, mode)) throw err;
        await this.#retry.sleep(backoffMs(this.#retry, attempt), signal);
      }
    }
  }
}
