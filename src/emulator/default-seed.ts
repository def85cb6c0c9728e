// The seed used when none is given: one account, one key, the bucket `examplebucket` in cn-hangzhou,
// and `acme.example.net` in its Alibaba Cloud DNS (the zone ACME DNS-01 challenges are answered in).
// Exported so `npm start` (embedded emulator) can sign with the same key the emulator knows.

import type { Seed } from './seed/schema.ts';

export const DEFAULT_ACCOUNT_ID = '1000000000000001';
export const DEFAULT_ACCESS_KEY_ID = 'LTAI5tEmulatorDefaultKey';
export const DEFAULT_ACCESS_KEY_SECRET = 'emulator-default-secret-not-for-production';
export const DEFAULT_BUCKET = 'examplebucket';
export const DEFAULT_REGION = 'cn-hangzhou';
export const DEFAULT_DNS_DOMAIN = 'acme.example.net';

export const DEFAULT_SEED: Seed = {
  accounts: [
    {
      id: DEFAULT_ACCOUNT_ID,
      displayName: DEFAULT_ACCOUNT_ID,
      accessKeys: [{ id: DEFAULT_ACCESS_KEY_ID, secret: DEFAULT_ACCESS_KEY_SECRET }],
    },
  ],
  buckets: [{ name: DEFAULT_BUCKET, region: DEFAULT_REGION, owner: DEFAULT_ACCOUNT_ID }],
  casCertificates: [],
  dnsDomains: [{ name: DEFAULT_DNS_DOMAIN, owner: DEFAULT_ACCOUNT_ID }],
};
