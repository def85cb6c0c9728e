// An emulator whose seed holds Alibaba Cloud DNS domains for two accounts, and Alidns clients that talk
// to it over real sockets. Retries never wait.

import { AlidnsClient, type AlidnsClientOptions } from '../../src/alidns/index.ts';
import { buildEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.ts';
import { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B, STS_KEY, TEST_SEED } from '../emulator/helpers/emulator.ts';

export { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B, STS_KEY };

export const ZONE = 'acme.example.net';
export const FOREIGN_ZONE = 'other.example.org';
export const DENIED_KEY = { accessKeyId: 'LTAIdnsDenied', accessKeySecret: 'deniedSecret' };

const [first, second] = TEST_SEED.accounts;

export const ALIDNS_SEED = {
  ...TEST_SEED,
  accounts: [
    {
      ...first,
      accessKeys: [
        ...(first?.accessKeys ?? []),
        {
          id: DENIED_KEY.accessKeyId,
          secret: DENIED_KEY.accessKeySecret,
          deniedActions: ['AddDomainRecord'],
        },
      ],
    },
    second,
  ],
  dnsDomains: [
    { name: ZONE, owner: ACCOUNT_A },
    { name: FOREIGN_ZONE, owner: ACCOUNT_B },
  ],
};

export function startAlidnsEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return buildEmulator({ seed: ALIDNS_SEED, log: () => {}, ...options });
}

type Key = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

export function alidnsClient(
  emulator: Emulator,
  key: Key = KEY_A,
  extra: Partial<AlidnsClientOptions> = {},
): AlidnsClient {
  return new AlidnsClient({
    endpoint: emulator.url,
    credentials: key,
    now: () => emulator.now(),
    retry: { sleep: async () => {} },
    ...extra,
  });
}

/** The rejection of a promise, for asserting on typed errors. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
