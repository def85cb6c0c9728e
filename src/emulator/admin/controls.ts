// The emulator's controls, shared by the admin HTTP API and the programmatic handle tests use, so both
// behave identically. Every change is persisted when the emulator runs with a state file.

import { DnsValidationError } from '../../dns/validation-error.ts';
import type { EmulatorClock } from '../clock.ts';
import type { DnsZoneStore } from '../dns/zone-store.ts';
import { type Fault, type FaultInput, type FaultRegistry, faultSpecSchema } from '../faults/registry.ts';
import type { EmulatorState } from '../state/store.ts';
import {
  AdminInputError,
  clockInputSchema,
  type DnsRecordInput,
  dnsRecordInputSchema,
  parseInput,
} from './schemas.ts';
import { type StateView, stateView } from './state-view.ts';

const DEFAULT_TTL = 60;

export interface EmulatorControls {
  /** Replaces the record set of that type at name. */
  setDnsRecord(name: string, input: DnsRecordInput): Promise<void>;
  /** Deletes one type at name, or all when type is omitted; false when nothing was there. */
  deleteDnsRecord(name: string, type?: string): Promise<boolean>;
  setClockOffset(offsetSeconds: number): Promise<void>;
  addFault(input: FaultInput): Fault;
  clearFaults(): number;
  /** Back to the seed: no tokens, bindings, DNS records or faults, clock offset 0. */
  reset(): Promise<void>;
  state(): StateView;
}

export interface ControlDeps {
  state: EmulatorState;
  dns: DnsZoneStore;
  clock: EmulatorClock;
  faults: FaultRegistry;
  persist(): Promise<void>;
}

function dnsCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DnsValidationError) throw new AdminInputError(`${error.field}: ${error.message}`);
    throw error;
  }
}

export function createControls(deps: ControlDeps): EmulatorControls {
  return {
    async setDnsRecord(name, input) {
      const rr = parseInput(dnsRecordInputSchema, input);
      dnsCall(() => deps.dns.set(name, { type: rr.type, values: rr.values, ttl: rr.ttl ?? DEFAULT_TTL }));
      await deps.persist();
    },
    async deleteDnsRecord(name, type) {
      const upper = type?.toUpperCase();
      const parsed = upper === undefined ? undefined : parseInput(dnsRecordInputSchema.shape.type, upper);
      const deleted = dnsCall(() => deps.dns.delete(name, parsed));
      if (deleted) await deps.persist();
      return deleted;
    },
    async setClockOffset(offsetSeconds) {
      const { offsetSeconds: seconds } = parseInput(clockInputSchema, { offsetSeconds });
      deps.clock.setOffsetMs(Math.round(seconds * 1000));
      await deps.persist();
    },
    addFault(input) {
      return deps.faults.add(parseInput(faultSpecSchema, input));
    },
    clearFaults() {
      return deps.faults.clear();
    },
    async reset() {
      deps.state.reset();
      deps.dns.clear();
      deps.faults.clear();
      deps.clock.setOffsetMs(0);
      await deps.persist();
    },
    state() {
      return stateView(deps);
    },
  };
}
