// A test double in front of an OssInvoker: records every call that reaches "OSS" and fails the ones a test
// scripts, per operation, with real OSS client errors.
import type { OperationSpec, OssInvoker } from '../../../src/oss/index.ts';
import type { CallOptions } from '../../../src/oss/types.ts';
import { methodOf } from '../../helpers/fake-oss.ts';

/** The operation as its method is named (`putCname`). */
export type Operation =
  | 'createCnameToken'
  | 'getCnameToken'
  | 'putCname'
  | 'listCname'
  | 'deleteCname'
  | 'getBucketLocation'
  | 'getBucketInfo'
  | 'listBuckets';

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

export class FlakyOss implements OssInvoker {
  readonly calls: RecordedCall[] = [];
  readonly #inner: OssInvoker;
  #scripts: Script[] = [];

  constructor(inner: OssInvoker) {
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

  invoke<I, O>(spec: OperationSpec<I, O>, input: I, opts?: CallOptions): Promise<O> {
    const op = methodOf(spec) as Operation;
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
    return this.#inner.invoke(spec, input, opts);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
