// The one seam every OSS call passes: `invoke(op, input, opts)`. Cross-cutting behaviour (the circuit
// breaker, settling a lost write) is a named layer around it rather than a class that forwards each
// operation, so a new operation needs no edit here: layers see every spec the same way.
import type { OperationSpec } from './operations/spec.ts';
import type { CallOptions } from './types.ts';

/** Anything that runs operation specs: the client, the client behind layers, a test's fake. */
export interface OssInvoker {
  invoke<I, O>(op: OperationSpec<I, O>, input: I, opts?: CallOptions): Promise<O>;
  close(): Promise<void>;
}

/** One call as a layer sees it. */
export interface OssCall<I, O> {
  readonly op: OperationSpec<I, O>;
  readonly input: I;
  readonly opts: CallOptions;
}

/** The rest of the path below a layer; a layer may call it for another operation (settle reads ListCname). */
export type NextInvoke = <I, O>(call: OssCall<I, O>) => Promise<O>;

export interface OssLayer {
  /** For logs and docs: `breaker`, `settle`, … */
  readonly name: string;
  run<I, O>(call: OssCall<I, O>, next: NextInvoke): Promise<O>;
}

/** `inner` behind `layers`, the first outermost. Closing closes `inner`. */
export function layered(inner: OssInvoker, layers: readonly OssLayer[]): OssInvoker {
  const chain = layers.reduceRight<NextInvoke>(
    (next, layer) =>
      <I, O>(call: OssCall<I, O>) =>
        layer.run(call, next),
    <I, O>(call: OssCall<I, O>) => inner.invoke(call.op, call.input, call.opts),
  );
  return {
    invoke: (op, input, opts = {}) => chain({ op, input, opts }),
    close: () => inner.close(),
  };
}
