// A layer that settles writes whose outcome is unknown by asking OSS (ListCname) whether the change is in
// place. The client repeats only writes that are safe to repeat, and OSS's PreviousCertId check refuses a
// certificate change twice; so a change happens at most once, and this makes the caller's answer match
// it: a landed bind is a success, not a 5xx, and a rotation whose repeat tripped over its own first
// attempt is a success, not a 412. A write that did not land keeps its original error. Other operations
// pass straight through.
import {
  type BucketDomainInput,
  type CnameInfo,
  deleteCname,
  findBinding,
  listCname,
  type NextInvoke,
  type OssCall,
  type OssLayer,
  type OssResponseMeta,
  outcomeUnknown,
  type PutCnameInput,
  putCname,
} from '../oss/index.ts';
import { putLanded } from './write-outcome.ts';

type InPlace = (binding: CnameInfo | undefined) => boolean;

export const settleLayer: OssLayer = {
  name: 'settle',
  async run<I, O>(call: OssCall<I, O>, next: NextInvoke): Promise<O> {
    try {
      return await next(call);
    } catch (error) {
      const settled = await settle(call, error, next);
      if (settled === undefined) throw error;
      // Both writes answer OssResponseMeta, which is what a settled write answers too.
      return settled as O;
    }
  },
};

function settle(call: OssCall<unknown, unknown>, error: unknown, next: NextInvoke) {
  if (call.op === putCname) {
    const input = call.input as PutCnameInput;
    if (!outcomeUnknown(error, input)) return undefined;
    return listed(call, input, (binding) => putLanded(input, binding), next);
  }
  if (call.op === deleteCname) {
    if (!outcomeUnknown(error)) return undefined;
    return listed(call, call.input as BucketDomainInput, (binding) => binding === undefined, next);
  }
  return undefined;
}

/** The ListCname answer when the listed state shows the write in place; undefined when not, or unknown. */
async function listed(
  call: OssCall<unknown, unknown>,
  input: BucketDomainInput,
  inPlace: InPlace,
  next: NextInvoke,
): Promise<OssResponseMeta | undefined> {
  try {
    const answer = await next({ op: listCname, input: { bucket: input.bucket }, opts: call.opts });
    if (!inPlace(findBinding(answer.cnames, input.domain))) return undefined;
    return { status: 200, requestId: answer.requestId };
  } catch {
    // Still no answer: the write's own error says more than the check's.
    return undefined;
  }
}
