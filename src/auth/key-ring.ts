// The set of API keys in force. Reloading swaps the whole set at once, and only when the new file is
// valid: a broken file keeps the previous keys, so a bad edit never locks every caller out.
import { type KeyEntry, readKeyFile, readKeyFileSync } from './key-file.ts';
import { KeyStore } from './key-store.ts';
import type { Principal } from './types.ts';

export type ReloadResult = { ok: true; keys: number } | { ok: false; error: string; keys: number };

export class ApiKeyRing {
  #store: KeyStore;
  /** The key file, or undefined when the keys were given in memory (tests, development key). */
  readonly file: string | undefined;

  private constructor(entries: readonly KeyEntry[], file: string | undefined) {
    this.#store = new KeyStore(entries);
    this.file = file;
  }

  /** Reads the file synchronously: start-up only; throws KeyFileError when it is unusable. */
  static fromFile(path: string): ApiKeyRing {
    return new ApiKeyRing(readKeyFileSync(path), path);
  }

  static fromEntries(entries: readonly KeyEntry[]): ApiKeyRing {
    return new ApiKeyRing(entries, undefined);
  }

  get size(): number {
    return this.#store.size;
  }

  authenticate(presented: string): Principal | undefined {
    return this.#store.authenticate(presented);
  }

  async reload(): Promise<ReloadResult> {
    if (this.file === undefined) return { ok: true, keys: this.size };
    try {
      const entries = await readKeyFile(this.file);
      // Start-up with no keys only warns (nothing was served yet); a reload to none would lock out every
      // caller at once, most likely by a truncated or wrong file. Restart to run with no keys on purpose.
      if (entries.length === 0 && this.size > 0) {
        return {
          ok: false,
          error: `${this.file}: holds no keys; refusing to lock out every caller`,
          keys: this.size,
        };
      }
      this.#store = new KeyStore(entries);
      return { ok: true, keys: this.size };
    } catch (error) {
      return { ok: false, error: (error as Error).message, keys: this.size };
    }
  }
}
