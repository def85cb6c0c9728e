// An emulator on a hand-set clock for one test file: started once, and reset (clock included) before
// every test, so each test starts from the seed at the same instant. Clients made through it sign at the
// emulator's own time.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.ts';
import type { OperationSpec } from '../../../src/oss/index.ts';
import { KEY_A, manualClock, startEmulator } from './emulator.ts';
import { type BucketOps, closeOssClients, type EmulatorOssOptions, emulatorBucket } from './oss.ts';
import { type RawResponse, sendWire } from './raw-http.ts';
import { built } from './signed.ts';

export interface ClockedEmulator {
  /** The running emulator: read it inside tests, after beforeAll started it. */
  readonly emulator: Emulator;
  readonly clock: ReturnType<typeof manualClock>;
  /** The service's client on `bucket` (examplebucket), with KEY_A unless told. */
  ops(bucket?: string, options?: Partial<EmulatorOssOptions>): BucketOps;
  /** The client's request for `op` with KEY_A, sent raw where a test reads the exact response. */
  raw<I, O>(op: OperationSpec<I, O>, input: I): Promise<RawResponse>;
}

export function useClockedEmulator(start: number): ClockedEmulator {
  const clock = manualClock(start);
  let started: Emulator | undefined;
  beforeAll(async () => {
    started = await startEmulator({ now: clock.now });
  });
  afterAll(async () => {
    await closeOssClients();
    await started?.close();
  });
  beforeEach(async () => {
    clock.set(start);
    await started?.reset();
  });
  const running = (): Emulator => {
    if (started === undefined) throw new Error('the emulator starts in beforeAll');
    return started;
  };
  return {
    get emulator() {
      return running();
    },
    clock,
    ops: (bucket = 'examplebucket', options = {}) =>
      emulatorBucket(running().url, bucket, { credentials: KEY_A, clock: () => running().now(), ...options }),
    raw: (op, input) => {
      const { url } = running();
      return sendWire(
        url,
        built(url, op, input, { credentials: KEY_A, signingTime: new Date(running().now()) }),
      );
    },
  };
}
