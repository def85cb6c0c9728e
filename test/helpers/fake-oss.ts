// The one way tests fake OSS: a class with a method per operation it plays (named like the op spec,
// `PutCname` → `putCname`), behind the same `invoke(op, …)` seam as the real client. Answers an op spec
// treats as success (NoSuchCname on DeleteCname) are recovered here exactly as the client does, so a
// fake's OSS-like refusal reaches the services the way a real one would.
import { OssServiceError } from '../../src/oss/errors.ts';
import type { OperationSpec, OssInvoker } from '../../src/oss/index.ts';
import type { CallOptions } from '../../src/oss/types.ts';

/** `PutCname` → `putCname`: the method a fake plays an operation with. */
export function methodOf(op: { name: string }): string {
  return op.name.charAt(0).toLowerCase() + op.name.slice(1);
}

type Handler = (input: unknown, opts?: CallOptions) => Promise<unknown>;

export abstract class FakeOssBase implements OssInvoker {
  async invoke<I, O>(op: OperationSpec<I, O>, input: I, opts?: CallOptions): Promise<O> {
    const handler = (this as unknown as Record<string, Handler | undefined>)[methodOf(op)];
    if (typeof handler !== 'function') throw new Error(`this fake does not play ${op.name}`);
    try {
      return (await handler.call(this, input, opts)) as O;
    } catch (error) {
      const recovered = error instanceof OssServiceError ? op.recover?.(error) : undefined;
      if (recovered !== undefined) return recovered;
      throw error;
    }
  }

  abstract close(): Promise<void>;
}
