// Finds the key entry a presented API key belongs to without revealing, through timing, which stored
// key it came close to: every stored digest is compared in constant time and the scan never stops early.
import { timingSafeEqual } from 'node:crypto';
import { digestApiKey, MAX_PRESENTED_KEY_LENGTH } from './api-key.ts';
import type { KeyEntry } from './key-file.ts';
import { compileBucketGlobs } from './scope-patterns.ts';
import type { Principal } from './types.ts';

interface StoredKey {
  digest: Buffer;
  principal: Principal;
}

export class KeyStore {
  readonly #keys: StoredKey[];

  constructor(entries: readonly KeyEntry[]) {
    this.#keys = entries.map((entry) => ({
      digest: entry.digest,
      principal: {
        keyId: entry.id,
        scopes: entry.scopes,
        bucketMatcher: compileBucketGlobs(entry.scopes.buckets),
      },
    }));
  }

  get size(): number {
    return this.#keys.length;
  }

  authenticate(presented: string): Principal | undefined {
    if (presented.length === 0 || presented.length > MAX_PRESENTED_KEY_LENGTH) return undefined;
    const digest = digestApiKey(presented);
    let found: Principal | undefined;
    for (const key of this.#keys) {
      // No short-circuit: the work is the same whether the match is first, last or absent.
      const equal = timingSafeEqual(digest, key.digest);
      if (equal && found === undefined) found = key.principal;
    }
    return found;
  }
}
