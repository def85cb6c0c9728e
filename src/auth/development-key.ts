// The key `npm start` prints in emulator mode when no key file is configured: every scope, memory only,
// new on every start, so it cannot outlive the development session it was printed for.
import { digestApiKey, generateApiKey } from './api-key.ts';
import type { KeyEntry } from './key-file.ts';
import { ACTIONS } from './types.ts';

export const DEVELOPMENT_KEY_ID = 'development';

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
