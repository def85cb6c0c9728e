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
      queue.push(...(await runEffect(effect, row, deps.ports, deps.now())));
    }
  }
  const { repository } = deps;
  if (removing) return (await repository.remove(row, events, claimed.version)) ? 'removed' : 'lost';
  if (row === claimed) {
    await repository.release(claimed.bucket, claimed.domain, owner);
    return 'unchanged';
  }
  const saved = await repository.save(row, events, claimed.version, deps.now(), { releaseOwner: owner });
  if (!saved) await repository.release(claimed.bucket, claimed.domain, owner);
  return saved ? 'saved' : 'lost';
}
