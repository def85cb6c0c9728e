// GET /audit's cursor: opaque to the caller, signed with the caller's own API key so it cannot be forged
// or replayed by another key, and bound to the filters it was made for.
import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function encodeCursor(seq: number, filters: string, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ seq, filters })).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The position after which to continue, or undefined when the cursor is not one we issued for these filters. */
export function decodeCursor(cursor: string, filters: string, secret: string): number | undefined {
  const [payload, signature] = cursor.split('.');
  if (!payload || !signature) return undefined;
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      seq?: unknown;
      filters?: unknown;
    };
    return typeof decoded.seq === 'number' && decoded.filters === filters ? decoded.seq : undefined;
  } catch {
    return undefined;
  }
}
