// One pass over one claimed domain: feed `due` to the transition function, run the effects it asks for,
// feed back what they saw, until nothing is left to do; then write the row and its events at once, on
// the version claimed. A pass that dies anywhere leaves the row as claimed: its lease runs out and the
// next pass repeats only idempotent steps.
import {
  type DomainEvent,
  type DomainRow,
  type Observation,
  type ReconcileOptions,
  transition,
} from '../domains/index.ts';
import { type EffectPorts, runEffect } from './effects.ts';
import { LeaseLostError } from './lease-lost.ts';
import type { DomainRepository } from './repository.ts';

/** Effects of one pass are bounded: a bug looping between two states must not hold the lease forever. */
const MAX_STEPS = 24;

export interface PassDeps {
  repository: DomainRepository;
  ports: EffectPorts;
  options: ReconcileOptions;
  now: () => Date;
}

export type PassOutcome = 'saved' | 'removed' | 'unchanged' | 'lost';

export async function reconcileOne(claimed: DomainRow, owner: string, deps: PassDeps): Promise<PassOutcome> {
  try {
    return await work(claimed, owner, deps);
  } catch (error) {
    // Another replica owns the row now and redoes the pass from what is stored; nothing here was written.
    if (error instanceof LeaseLostError) return 'lost';
    throw error;
  }
}

async function work(claimed: DomainRow, owner: string, deps: PassDeps): Promise<PassOutcome> {
  const { repository } = deps;
  // The heartbeat keeps a live process's claims, but a process that stalls past its lease loses them to
  // another replica; each PutCname and DeleteCname first checks (and extends) the claim, so two replicas
  // never both write a domain's binding or attach its certificate.
  const ports: EffectPorts = {
    ...deps.ports,
    beforeWrite: async () => {
      const until = new Date(deps.now().getTime() + deps.options.leaseMs);
      if (!(await repository.confirmLease(claimed.bucket, claimed.domain, owner, until))) {
        throw new LeaseLostError(claimed.bucket, claimed.domain);
      }
    },
  };
  let row = claimed;
  const events: DomainEvent[] = [];
  const queue: Observation[] = [{ kind: 'due' }];
  let removing = false;
  for (let steps = 0; queue.length > 0 && steps < MAX_STEPS && !removing; steps++) {
    const observation = queue.shift() as Observation;
    const result = transition(row, observation, deps.now(), deps.options);
    row = result.row;
    events.push(...result.events);
    for (const effect of result.effects) {
      if (effect.type === 'remove') {
        removing = true;
        break;
      }
      queue.push(...(await runEffect(effect, row, ports, deps.now())));
    }
  }
  if (removing) return (await repository.remove(row, events, claimed.version)) ? 'removed' : 'lost';
  if (row === claimed) {
    await repository.release(claimed.bucket, claimed.domain, owner);
    return 'unchanged';
  }
  const saved = await repository.save(row, events, claimed.version, deps.now(), { releaseOwner: owner });
  if (!saved) await repository.release(claimed.bucket, claimed.domain, owner);
  return saved ? 'saved' : 'lost';
}
