// A CnameApi decorator that settles writes whose outcome is unknown by asking OSS (ListCname) whether the
// change is in place. The client repeats only writes that are safe to repeat, and OSS's PreviousCertId
// check refuses a certificate change twice; so a change happens at most once, and this makes the caller's
// answer match it: a landed bind is a success, not a 5xx, and a rotation whose repeat tripped over its own
// first attempt is a success, not a 412. A write that did not land keeps its original error.
import type {
  BucketDomainInput,
  CallOptions,
  CnameApi,
  OssResponseMeta,
  PutCnameInput,
} from '../oss/types.ts';
import { findBinding, outcomeUnknown, putLanded } from './write-outcome.ts';

export class ReconcilingOss implements CnameApi {
  readonly #inner: CnameApi;

  constructor(inner: CnameApi) {
    this.#inner = inner;
  }

  async putCname(input: PutCnameInput, opts?: CallOptions): Promise<OssResponseMeta> {
    try {
      return await this.#inner.putCname(input, opts);
    } catch (error) {
      if (!outcomeUnknown(error, input)) throw error;
      const settled = await this.#settle(input, opts, (binding) => putLanded(input, binding));
      if (settled) return settled;
      throw error;
    }
  }

  async deleteCname(input: BucketDomainInput, opts?: CallOptions): Promise<OssResponseMeta> {
    try {
      return await this.#inner.deleteCname(input, opts);
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const settled = await this.#settle(input, opts, (binding) => binding === undefined);
      if (settled) return settled;
      throw error;
    }
  }

  /** The ListCname answer when the listed state shows the write in place; undefined when not, or unknown. */
  async #settle(
    input: BucketDomainInput,
    opts: CallOptions | undefined,
    inPlace: (binding: ReturnType<typeof findBinding>) => boolean,
  ): Promise<OssResponseMeta | undefined> {
    try {
      const listed = await this.#inner.listCname({ bucket: input.bucket }, opts);
      if (!inPlace(findBinding(listed.cnames, input.domain))) return undefined;
      return { status: 200, requestId: listed.requestId };
    } catch {
      // Still no answer: the write's own error says more than the check's.
      return undefined;
    }
  }

  createCnameToken: CnameApi['createCnameToken'] = (input, opts) => this.#inner.createCnameToken(input, opts);
  getCnameToken: CnameApi['getCnameToken'] = (input, opts) => this.#inner.getCnameToken(input, opts);
  listCname: CnameApi['listCname'] = (input, opts) => this.#inner.listCname(input, opts);
  getBucketLocation: CnameApi['getBucketLocation'] = (input, opts) =>
    this.#inner.getBucketLocation(input, opts);
  getBucketInfo: CnameApi['getBucketInfo'] = (input, opts) => this.#inner.getBucketInfo(input, opts);
  listBuckets: CnameApi['listBuckets'] = (input, opts) => this.#inner.listBuckets(input, opts);

  close(): Promise<void> {
    return this.#inner.close();
  }
}
