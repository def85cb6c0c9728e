// Where a caller's API key comes from: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
import type { IncomingHttpHeaders } from 'node:http';

export type PresentedKey =
  | { kind: 'none' }
  | { kind: 'key'; key: string }
  | { kind: 'malformed'; reason: string };

export function presentedKey(headers: IncomingHttpHeaders): PresentedKey {
  const fromBearer = bearer(headers.authorization);
  if (fromBearer.kind === 'malformed') return fromBearer;
  const header = headers['x-api-key'];
  const fromHeader = typeof header === 'string' ? header.trim() : undefined;
  // Node joins a repeated X-API-Key into one value with ", "; no key holds a comma.
  if (Array.isArray(header) || fromHeader?.includes(',')) {
    return { kind: 'malformed', reason: 'Send X-API-Key once.' };
  }
  if (fromBearer.kind === 'key' && fromHeader !== undefined && fromHeader !== fromBearer.key) {
    return { kind: 'malformed', reason: 'Authorization and X-API-Key carry different keys; send one key.' };
  }
  if (fromBearer.kind === 'key') return fromBearer;
  if (fromHeader !== undefined && fromHeader !== '') return { kind: 'key', key: fromHeader };
  return { kind: 'none' };
}

function bearer(value: string | undefined): PresentedKey {
  if (value === undefined || value.trim() === '') return { kind: 'none' };
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  if (!match?.[1]) {
    return { kind: 'malformed', reason: 'The Authorization header must be "Bearer <key>".' };
  }
  return { kind: 'key', key: match[1] };
}
