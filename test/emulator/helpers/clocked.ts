// An emulator on a hand-set clock for one test file: started once, and reset (clock included) before
// every test, so each test starts from the seed at the same instant.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.ts';
import { manualClock, startEmulator } from './emulator.ts';
import { closeOssClients } from './oss.ts';

export interface ClockedEmulator {
  /** The running emulator: read it inside tests, after beforeAll started it. */
  readonly emulator: Emulator;
  readonly clock: ReturnType<typeof manualClock>;
}

export function useClockedEmulator(start: number): ClockedEmulator {
  const clock = manualClock(start);
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ now: clock.now });
  });
  afterAll(async () => {
    await closeOssClients();
    await emulator?.close();
  });
  beforeEach(async () => {
    clock.set(start);
    await emulator?.reset();
  });
  return {
    get emulator() {
      if (emulator === undefined) throw new Error('the emulator starts in beforeAll');
      return emulator;
    },
    clock,
  };
}
