// Injected failures, per operation or for every one ('*'), for the next N matching requests or at a
// rate. A fault without count or rate applies to every matching request until the faults are cleared.

import { z } from 'zod';
import { OPERATION_NAMES, type OperationName } from '../operations.ts';

export const faultSpecSchema = z
  .strictObject({
    op: z.union([z.literal('*'), z.enum(OPERATION_NAMES)]),
    kind: z.enum(['status', 'reset', 'delay', 'hang']),
    /** For kind "status": the HTTP status answered with an OSS error body. */
    status: z.number().int().min(400).max(599).optional(),
    /** For kind "delay": how long the answer is held back. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    count: z.number().int().min(1).optional(),
    rate: z.number().min(0).max(1).optional(),
    /** "after" performs the operation first, then fails the response. */
    when: z.enum(['before', 'after']).default('before'),
  })
  .refine((f) => f.count === undefined || f.rate === undefined, 'give count or rate, not both')
  .refine((f) => f.kind !== 'status' || f.status !== undefined, 'kind "status" needs status (e.g. 503)')
  .refine((f) => f.kind !== 'delay' || f.delayMs !== undefined, 'kind "delay" needs delayMs')
  .refine((f) => f.kind === 'status' || f.status === undefined, 'status only goes with kind "status"')
  .refine((f) => f.kind === 'delay' || f.delayMs === undefined, 'delayMs only goes with kind "delay"');

export type FaultInput = z.input<typeof faultSpecSchema>;
export type FaultSpec = z.output<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: number;
  /** Requests this fault has been applied to. */
  hits: number;
}

export class FaultRegistry {
  readonly #random: () => number;
  #faults: Fault[] = [];
  #nextId = 1;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.#nextId++, hits: 0 };
    this.#faults.push(fault);
    return { ...fault };
  }

  clear(): number {
    const n = this.#faults.length;
    this.#faults = [];
    return n;
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** The first fault that fires for this operation; consumes one of its counts. */
  take(operation: OperationName | undefined): Fault | undefined {
    for (const fault of this.#faults) {
      if (fault.op !== '*' && fault.op !== operation) continue;
      if (fault.rate !== undefined && this.#random() >= fault.rate) continue;
      fault.hits++;
      if (fault.count !== undefined) {
        fault.count--;
        if (fault.count === 0) this.#faults = this.#faults.filter((f) => f !== fault);
      }
      return { ...fault };
    }
    return undefined;
  }
}
