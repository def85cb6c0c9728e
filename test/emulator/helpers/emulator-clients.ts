// One emulator per test file and OssClients on it that close after each test, for the client-against-
// emulator tests.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.ts';
import { type Credentials, OssClient } from '../../../src/oss/index.ts';
import { KEY_A, startEmulator } from './emulator.ts';

export interface EmulatorClients {
  emulator(): Emulator;
  client(credentials?: Credentials, extra?: Partial<ConstructorParameters<typeof OssClient>[0]>): OssClient;
}

/** Registers the hooks; the emulator is reset before each test. */
export function emulatorClients(): EmulatorClients {
  let emulator: Emulator | undefined;
  const clients: OssClient[] = [];
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  const started = (): Emulator => {
    if (!emulator) throw new Error('the emulator starts in beforeAll');
    return emulator;
  };
  return {
    emulator: started,
    client(credentials = KEY_A, extra = {}) {
      const c = new OssClient({
        region: 'cn-hangzhou',
        endpoint: started().url,
        credentials,
        retry: { sleep: async () => {} },
        ...extra,
      });
      clients.push(c);
      return c;
    },
  };
}
