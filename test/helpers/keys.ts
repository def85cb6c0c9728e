// API keys for tests: each a real key with its digest, as the key ring stores them.
import { digestApiKey, generateApiKey } from '../../src/auth/api-key.ts';
import type { KeyEntry } from '../../src/auth/key-file.ts';
import { ACTIONS, type Scopes } from '../../src/auth/types.ts';

export interface TestKey {
  key: string;
  entry: KeyEntry;
  /** `{ authorization: 'Bearer …' }` for inject/supertest. */
  headers: { authorization: string };
}

export function testKey(id: string, scopes: Partial<Scopes> = {}): TestKey {
  const key = generateApiKey();
  return {
    key,
    entry: {
      id,
      digest: digestApiKey(key),
      scopes: {
        buckets: scopes.buckets ?? ['*'],
        domains: scopes.domains ?? ['*'],
        actions: scopes.actions ?? [...ACTIONS],
      },
    },
    headers: { authorization: `Bearer ${key}` },
  };
}
