// Standard Webhooks secrets: `whsec_` + base64 of random bytes; the HMAC key is the decoded part.
// Rotation keeps the previous secret signing beside the new one for 24 hours, so receivers can switch
// without dropping a delivery.
import { randomBytes } from 'node:crypto';
import { hours } from '../time/durations.ts';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
export const ROTATION_OVERLAP_MS = hours(24);

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a `whsec_` secret; throws on anything else, so a bad secret never signs. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with whsec_');
  const encoded = secret.slice(SECRET_PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 24 || key.length > 64 || key.toString('base64') !== encoded) {
    throw new Error('a webhook secret is whsec_ and the base64 of 24 to 64 bytes');
  }
  return key;
}

export interface SubscriptionSecrets {
  secret: string;
  /** The secret before the last rotation, still signing until `previousExpiresAt`. */
  previousSecret: string | null;
  previousExpiresAt: Date | null;
}

export function rotateSecret(current: SubscriptionSecrets, now: Date): SubscriptionSecrets {
  return {
    secret: generateSecret(),
    previousSecret: current.secret,
    previousExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
  };
}

/** The secrets that sign a delivery made at `now`: the current one, and the previous during overlap. */
export function signingSecrets(s: SubscriptionSecrets, now: Date): string[] {
  const overlap = s.previousSecret !== null && s.previousExpiresAt !== null && s.previousExpiresAt > now;
  return overlap && s.previousSecret !== null ? [s.secret, s.previousSecret] : [s.secret];
}
