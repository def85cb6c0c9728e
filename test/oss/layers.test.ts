// layered(): layers run around the one invoke seam, the first outermost, and may call the rest of the path
// for another operation (as the settle layer reads ListCname after a lost write).
import { describe, expect, it } from 'vitest';
import {
  getBucketLocation,
  layered,
  listCname,
  type OperationSpec,
  type OssInvoker,
  type OssLayer,
} from '../../src/oss/index.ts';
import type { CallOptions } from '../../src/oss/types.ts';

function recorder(log: string[]): OssInvoker {
  return {
    async invoke<I, O>(op: OperationSpec<I, O>, _input: I, opts?: CallOptions): Promise<O> {
      log.push(`client:${op.name}@${opts?.region ?? '-'}`);
      return { status: 200, requestId: 'R' } as O;
    },
    close: async () => {
      log.push('close');
    },
  };
}

const tracing = (name: string, log: string[]): OssLayer => ({
  name,
  async run(call, next) {
    log.push(`${name}>${call.op.name}`);
    const result = await next(call);
    log.push(`${name}<${call.op.name}`);
    return result;
  },
});

describe('layered', () => {
  it('runs the layers outermost first, around the inner invoke, with the call options', async () => {
    const log: string[] = [];
    const oss = layered(recorder(log), [tracing('outer', log), tracing('inner', log)]);
    await oss.invoke(getBucketLocation, { bucket: 'b' }, { region: 'cn-beijing' });
    expect(log).toEqual([
      'outer>GetBucketLocation',
      'inner>GetBucketLocation',
      'client:GetBucketLocation@cn-beijing',
      'inner<GetBucketLocation',
      'outer<GetBucketLocation',
    ]);
  });

  it('lets a layer send another operation below itself only', async () => {
    const log: string[] = [];
    const asking: OssLayer = {
      name: 'asking',
      async run(call, next) {
        await next({ op: listCname, input: { bucket: 'b' }, opts: call.opts });
        return next(call);
      },
    };
    const oss = layered(recorder(log), [tracing('outer', log), asking]);
    await oss.invoke(getBucketLocation, { bucket: 'b' });
    expect(log).toEqual([
      'outer>GetBucketLocation',
      'client:ListCname@-',
      'client:GetBucketLocation@-',
      'outer<GetBucketLocation',
    ]);
  });

  it('closes the inner client', async () => {
    const log: string[] = [];
    await layered(recorder(log), [tracing('outer', log)]).close();
    expect(log).toEqual(['close']);
  });
});
