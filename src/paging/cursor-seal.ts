// Seals list cursors with an HMAC, so a caller can only send back a cursor this service issued: a forged
// but well-formed one (any `after`, any filters) is refused as invalid-cursor. The key is CURSOR_SECRET
// when set, which every replica must share for a cursor issued by one to be read by another, across
// restarts too; unset, it is random per process, and a cursor outlives neither a restart nor a hop to
// another replica (the caller is told to start the listing again).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TAG_BYTES = 16;
let key: Buffer = randomBytes(32);

/** Called once by buildApp when CURSOR_SECRET is set; the secret is never kept in clear. */
export function useCursorSecret(secret: string): void {
  key = createHmac('sha256', 'oss-cname-service cursor key').update(secret, 'utf8').digest();
}

function tag(payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES);
}

export function sealCursor(payload: string): string {
  return `${payload}.${tag(payload).toString('base64url')}`;
}

/** The payload of a cursor this service sealed, or undefined for anything else. */
export function openCursor(cursor: string): string | undefined {
  const dot = cursor.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const payload = cursor.slice(0, dot);
  const presented = Buffer.from(cursor.slice(dot + 1), 'base64url');
  return presented.length === TAG_BYTES && timingSafeEqual(presented, tag(payload)) ? payload : undefined;
}
