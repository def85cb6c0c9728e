// The pure transition function: (row, observation, now) → (next row, effects, events). No I/O, so each
// rule of the state diagram (docs/domains.md) is a unit test with a fixed clock. Events are raised only
// when the row changes, with the resource as it is after the change.
import { isDeepStrictEqual } from 'node:util';
import { onCertificate } from './certificate-steps.ts';
import type { Draft } from './draft.ts';
import {
  onBound,
  onCheck,
  onDelete,
  onDns,
  onDue,
  onError,
  onRecords,
  onRefused,
  onToken,
  onUnbound,
} from './ownership-steps.ts';
import type { DomainRow } from './row.ts';
import { DEFAULT_RECONCILE_OPTIONS, type ReconcileOptions } from './schedule.ts';
import type { DomainEventType } from './states.ts';
import type { DomainEvent, Effect, Observation } from './steps.ts';
import { isReady, toDomainResource } from './view.ts';
import { onBinding, watchExpiry } from './watch-steps.ts';

export interface TransitionResult {
  /** The same object as the input when nothing changed: nothing to write. */
  row: DomainRow;
  effects: Effect[];
  events: DomainEvent[];
}

function step(row: DomainRow, o: Observation, now: Date, options: ReconcileOptions): Draft {
  switch (o.kind) {
    case 'due':
      return onDue(row, now, options);
    case 'check':
      return onCheck(row, now);
    case 'delete':
      return onDelete(row, now);
    case 'token':
      return onToken(row, o);
    case 'records':
      return onRecords(row, o);
    case 'dns':
      return onDns(row, o, now, options);
    case 'bound':
      return onBound(row, o, now, options);
    case 'binding':
      return onBinding(row, o, now, options);
    case 'certificate':
      return onCertificate(row, o, now, options);
    case 'unbound':
      return onUnbound(row);
    case 'error':
      return onError(row, o, now, options);
    case 'refused':
      return onRefused(row, o, now);
  }
}

export function transition(
  row: DomainRow,
  observation: Observation,
  now: Date,
  options: ReconcileOptions = DEFAULT_RECONCILE_OPTIONS,
): TransitionResult {
  const draft = watchExpiry(step(row, observation, now, options), now);
  const removing = draft.effects.some((e) => e.type === 'remove');
  if (!removing && isDeepStrictEqual(draft.row, row)) return { row, effects: draft.effects, events: [] };
  const next: DomainRow = removing ? draft.row : { ...draft.row, version: row.version + 1, updatedAt: now };
  const types: DomainEventType[] = [...draft.events];
  if (!removing && !isReady(row, now) && isReady(next, now)) types.push('domain.ready');
  return { row: next, effects: draft.effects, events: types.map((type) => toEvent(type, next, now)) };
}

export function toEvent(type: DomainEventType, row: DomainRow, now: Date): DomainEvent {
  return { type, bucket: row.bucket, domain: row.domain, at: now, data: toDomainResource(row, now) };
}

/** The events of a row just attached (written with its insert). */
export function createdEvents(row: DomainRow, now: Date): DomainEvent[] {
  return [toEvent('domain.created', row, now)];
}
