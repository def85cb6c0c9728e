// Secrets at rest (webhook secrets, ACME account keys, issued private keys) sealed with AES-256-GCM.
// Sealed form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id (from the key's hash)
// says which key sealed it, so a key ring can open old values after SECRETS_KEY is rotated; the version,
// key id and a caller's context (e.g. `webhook:<id>`) are authenticated, so a sealed value moved to
// another row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

/** Identifies a key without revealing it: the first 8 hex digits of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** The key id a sealed value names, or undefined when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

export interface Sealer {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  seal(plaintext: string, context?: string): string;
  open(sealed: string, context?: string): string;
}

/** `keys[0]` seals; every key in the ring opens what it sealed. */
export function createSealer(keys: Buffer[]): Sealer {
  const first = keys[0];
  if (first === undefined) throw new SealedSecretError('a sealer needs at least one key');
  for (const key of keys) {
    if (key.length !== KEY_BYTES) throw new SealedSecretError(`a secrets key is ${KEY_BYTES} bytes`);
  }
  const ring = new Map(keys.map((k) => [keyIdOf(k), Buffer.from(k)]));
  const keyId = keyIdOf(first);
  const aad = (id: string, context: string) => Buffer.from(`${VERSION}.${id}.${context}`);

  return {
    keyId,
    seal(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', first, iv).setAAD(aad(keyId, context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, data, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, keyId, ...parts].join('.');
    },
    open(sealed, context = '') {
      const [version, id, iv, data, tag] = sealed.split('.');
      if (
        version !== VERSION ||
        id === undefined ||
        iv === undefined ||
        data === undefined ||
        tag === undefined
      ) {
        throw new SealedSecretError('not a sealed secret of a known version');
      }
      const key = ring.get(id);
      if (key === undefined)
        throw new SealedSecretError(`sealed with key ${id}, which SECRETS_KEY does not hold`);
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
        throw new SealedSecretError('a sealed secret is damaged');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes)
          .setAAD(aad(id, context))
          .setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SealedSecretError('a sealed secret did not open: damaged, or sealed for another record');
      }
    },
  };
}
