// API keys: 256 random bits behind a recognisable prefix, stored only as a SHA-256 digest.
// A fast hash is enough because the keys are uniformly random: with 2^256 candidates there is nothing
// for a slow hash (scrypt, argon2) to protect, and it would cost every request milliseconds.
import { createHash, randomBytes } from 'node:crypto';

/** Lets secret scanners and our log scrubber recognise a leaked key. */
export const API_KEY_PREFIX = 'ocsk_';
const HASH_PREFIX = 'sha256:';
/** Longest header value we hash; real keys are 48 characters. */
export const MAX_PRESENTED_KEY_LENGTH = 512;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function digestApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The `hash` field of a key-file entry: `sha256:<64 hex>`. */
export function hashApiKey(key: string): string {
  return HASH_PREFIX + digestApiKey(key).toString('hex');
}

export const KEY_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function digestFromHash(hash: string): Buffer {
  return Buffer.from(hash.slice(HASH_PREFIX.length), 'hex');
}
