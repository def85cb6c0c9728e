// Emulators for tests: a seed with two accounts (so cross-account rules can be exercised), STS and
// restricted keys, a CAS certificate, buckets in two regions; always closed by the caller.

import { buildEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/index.ts';

export const ACCOUNT_A = '1000000000000001';
export const ACCOUNT_B = '2000000000000002';
export const KEY_A = { accessKeyId: 'LTAIakA', accessKeySecret: 'secretA' };
export const KEY_B = { accessKeyId: 'LTAIakB', accessKeySecret: 'secretB' };
export const STS_KEY = {
  accessKeyId: 'STS.tempA',
  accessKeySecret: 'stsSecret',
  securityToken: 'sts-token-A',
};
export const STS_KEY_2 = {
  accessKeyId: 'STS.tempA2',
  accessKeySecret: 'stsSecret2',
  securityToken: 'sts-token-A2',
};
export const RESTRICTED_KEY = { accessKeyId: 'LTAIrestricted', accessKeySecret: 'restrictedSecret' };
export const CAS_ID = '1234567-cn-hangzhou';
export const CAS_ID_B = '7654321-cn-hangzhou';

export const TEST_SEED = {
  accounts: [
    {
      id: ACCOUNT_A,
      displayName: 'account-a',
      accessKeys: [
        { id: KEY_A.accessKeyId, secret: KEY_A.accessKeySecret },
        { id: STS_KEY.accessKeyId, secret: STS_KEY.accessKeySecret, securityToken: STS_KEY.securityToken },
        {
          id: STS_KEY_2.accessKeyId,
          secret: STS_KEY_2.accessKeySecret,
          securityToken: STS_KEY_2.securityToken,
        },
        {
          id: RESTRICTED_KEY.accessKeyId,
          secret: RESTRICTED_KEY.accessKeySecret,
          deniedActions: ['PutCname'],
        },
      ],
    },
    { id: ACCOUNT_B, accessKeys: [{ id: KEY_B.accessKeyId, secret: KEY_B.accessKeySecret }] },
  ],
  buckets: [
    { name: 'examplebucket', region: 'cn-hangzhou', owner: ACCOUNT_A },
    { name: 'otherbucket', region: 'cn-hangzhou', owner: ACCOUNT_A },
    { name: 'beijingbucket', region: 'cn-beijing', owner: ACCOUNT_A, creationDate: '2023-05-06T07:08:09Z' },
    { name: 'foreignbucket', region: 'cn-hangzhou', owner: ACCOUNT_B },
  ],
  casCertificates: [
    {
      id: CAS_ID,
      owner: ACCOUNT_A,
      fingerprint: 'DE:01:CF:EC:7C:A7:98:CB:D8:6E:FB:1D:97:EB:A9:64:1D:4E:12:34',
      validStartDate: '2023-04-12T10:14:51Z',
      validEndDate: '2048-05-04T10:14:51Z',
    },
    {
      id: CAS_ID_B,
      owner: ACCOUNT_B,
      fingerprint: 'AA:01:CF:EC:7C:A7:98:CB:D8:6E:FB:1D:97:EB:A9:64:1D:4E:12:34',
      validStartDate: '2023-04-12T10:14:51Z',
      validEndDate: '2048-05-04T10:14:51Z',
    },
  ],
};

export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return buildEmulator({ seed: TEST_SEED, log: () => {}, ...options });
}

/** A base clock tests move by hand. */
export function manualClock(start: number): {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
} {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}
