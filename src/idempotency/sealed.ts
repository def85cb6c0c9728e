// Stored answers may carry an ownership token, so they are sealed with a key derived from the caller's own
// API key: the database alone (a backup, a replica) never reveals them, and only that caller can replay.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function keyFor(apiKey: string, keyId: string, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', apiKey, keyId, `idempotency:${idempotencyKey}`, 32));
}

export function seal(plain: string, apiKey: string, keyId: string, idempotencyKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(apiKey, keyId, idempotencyKey), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
}

/** undefined when the key differs (another secret of the same key id) or the text was altered. */
export function unseal(
  sealed: string,
  apiKey: string,
  keyId: string,
  idempotencyKey: string,
): string | undefined {
  if (!sealed.startsWith(`${VERSION}.`)) return undefined;
  const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(apiKey, keyId, idempotencyKey),
      raw.subarray(0, 12),
    );
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
