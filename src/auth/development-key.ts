// The key `npm start` prints in emulator mode when no key file is configured: every scope, memory only,
// new on every start, so it cannot outlive the development session it was printed for.
import { digestApiKey, generateApiKey, hashApiKey } from './api-key.ts';
import type { KeyEntry, KeyEntryInput } from './key-file.ts';
import { ACTIONS } from './types.ts';

const DEVELOPMENT_KEY_ID = 'development';

export function createDevelopmentKey(): { key: string; entry: KeyEntry } {
  const key = generateApiKey();
  return {
    key,
    entry: {
      id: DEVELOPMENT_KEY_ID,
      digest: digestApiKey(key),
      scopes: { buckets: ['*'], domains: ['*'], actions: [...ACTIONS] },
    },
  };
}

/**
 * A new key with every scope, and its entry in the API_KEYS_FILE form, for a tool that starts a service of
 * its own with a key file (the compile-cache warm-up, the bench).
 */
export function createAllScopesKeyFileEntry(id: string): { key: string; entry: KeyEntryInput } {
  const key = generateApiKey();
  return {
    key,
    entry: { id, hash: hashApiKey(key), buckets: ['*'], domains: ['*'], actions: [...ACTIONS] },
  };
}
