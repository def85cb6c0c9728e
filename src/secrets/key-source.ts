// Where the secrets key comes from: SECRETS_KEY (32 bytes, base64) in production; in emulator mode a
// key generated once and kept in DATA_DIR (mode 0600) so sealed values survive a restart. Production
// without SECRETS_KEY may start only while nothing secret is stored (assertSecretsKeyPresent).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../config/startup-error.ts';
import { keyIdOf } from './sealer.ts';

export const SECRETS_KEY_FILE = 'secrets.key';
const KEY_BYTES = 32;

export function parseSecretsKey(text: string, setting = 'SECRETS_KEY'): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  const canonical = key.toString('base64');
  const sameText = canonical === trimmed || key.toString('base64url') === trimmed.replace(/=+$/, '');
  if (key.length !== KEY_BYTES || !sameText) {
    throw new StartupError(setting, `must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`);
  }
  return key;
}

export interface SecretsKeyInput {
  /** SECRETS_KEY as set, or undefined. */
  secretsKey: string | undefined;
  /** Emulator mode may generate and keep a key; production never does. */
  mode: 'emulator' | 'remote';
  /** DATA_DIR, where the emulator keeps its key; undefined keeps a generated key in memory only. */
  dataDir: string | undefined;
}

export interface SecretsKey {
  key: Buffer;
  source: 'SECRETS_KEY' | 'data-dir' | 'memory';
}

/** The key to seal with, or undefined in production when SECRETS_KEY is unset. */
export function loadSecretsKey(input: SecretsKeyInput): SecretsKey | undefined {
  if (input.secretsKey !== undefined)
    return { key: parseSecretsKey(input.secretsKey), source: 'SECRETS_KEY' };
  if (input.mode !== 'emulator') return undefined;
  if (input.dataDir === undefined) return { key: randomBytes(KEY_BYTES), source: 'memory' };
  return { key: keyInDataDir(input.dataDir), source: 'data-dir' };
}

function keyInDataDir(dataDir: string): Buffer {
  const path = join(dataDir, SECRETS_KEY_FILE);
  try {
    const key = parseSecretsKey(readFileSync(path, 'utf8'), `DATA_DIR (${path})`);
    chmodSync(path, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // 'wx': never overwrite a key another process wrote meanwhile; that one wins.
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return keyInDataDir(dataDir);
    throw error;
  }
  return key;
}

/**
 * Called by the wiring once the store is open, with the key ids of the stored sealed values (see
 * sealedKeyId): production without SECRETS_KEY may not start once anything secret is stored, nor with a
 * key other than the one that sealed them.
 */
export function assertSecretsKeyPresent(key: SecretsKey | undefined, storedKeyIds: readonly string[]): void {
  if (storedKeyIds.length === 0) return;
  if (key === undefined) {
    throw new StartupError(
      'SECRETS_KEY',
      'is required: secrets are stored sealed; set the key they were sealed with (32 bytes, base64)',
    );
  }
  const id = keyIdOf(key.key);
  const other = storedKeyIds.find((k) => k !== id);
  if (other !== undefined) {
    throw new StartupError('SECRETS_KEY', `is key ${id}, but stored secrets were sealed with key ${other}`);
  }
}
