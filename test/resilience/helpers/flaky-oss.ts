// A CnameApi decorator for tests: records every call that reaches "OSS" and fails the ones a test scripts,
// per operation, with real OSS client errors.
import type { CallOptions, CnameApi } from '../../../src/oss/types.ts';

export type Operation = Exclude<keyof CnameApi, 'close'>;

interface Script {
  op: Operation | '*';
  error: () => Error;
  /** Calls still to fail; Infinity until cleared. */
  remaining: number;
  /** Only calls for this region (CallOptions.region); any when unset. */
  region: string | undefined;
}

export interface RecordedCall {
  op: Operation;
  input: unknown;
  region: string | undefined;
}

export class FlakyOss implements CnameApi {
  readonly calls: RecordedCall[] = [];
  readonly #inner: CnameApi;
  #scripts: Script[] = [];

  constructor(inner: CnameApi) {
    this.#inner = inner;
  }

  fail(op: Operation | '*', error: () => Error, times = Number.POSITIVE_INFINITY, region?: string): void {
    this.#scripts.push({ op, error, remaining: times, region });
  }

  heal(): void {
    this.#scripts = [];
  }

  ops(): Operation[] {
    return this.calls.map((c) => c.op);
  }

  #run<T>(op: Operation, input: unknown, opts: CallOptions | undefined, call: () => Promise<T>): Promise<T> {
    this.calls.push({ op, input, region: opts?.region });
    const script = this.#scripts.find(
      (s) =>
        (s.op === '*' || s.op === op) &&
        s.remaining > 0 &&
        (s.region === undefined || s.region === opts?.region),
    );
    if (script) {
      script.remaining--;
      return Promise.reject(script.error());
    }
    return call();
  }

  createCnameToken: CnameApi['createCnameToken'] = (input, opts) =>
    this.#run('createCnameToken', input, opts, () => this.#inner.createCnameToken(input, opts));
  getCnameToken: CnameApi['getCnameToken'] = (input, opts) =>
    this.#run('getCnameToken', input, opts, () => this.#inner.getCnameToken(input, opts));
  putCname: CnameApi['putCname'] = (input, opts) =>
    this.#run('putCname', input, opts, () => this.#inner.putCname(input, opts));
  listCname: CnameApi['listCname'] = (input, opts) =>
    this.#run('listCname', input, opts, () => this.#inner.listCname(input, opts));
  deleteCname: CnameApi['deleteCname'] = (input, opts) =>
    this.#run('deleteCname', input, opts, () => this.#inner.deleteCname(input, opts));
  getBucketLocation: CnameApi['getBucketLocation'] = (input, opts) =>
    this.#run('getBucketLocation', input, opts, () => this.#inner.getBucketLocation(input, opts));
  getBucketInfo: CnameApi['getBucketInfo'] = (input, opts) =>
    this.#run('getBucketInfo', input, opts, () => this.#inner.getBucketInfo(input, opts));
  listBuckets: CnameApi['listBuckets'] = (input, opts) =>
    this.#run('listBuckets', input, opts, () => this.#inner.listBuckets(input, opts));

  close(): Promise<void> {
    return this.#inner.close();
  }
}
