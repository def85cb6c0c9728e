// The /domains listing's cursor: opaque to callers, holding the last domain served and the filters it
// was issued for (as /cnames does), so a cursor sent with other filters is refused, not misread.
import { problem } from '../errors/problem.ts';

interface CursorState {
  v: 1;
  after: string;
  f: string;
}

export function writeDomainCursor(after: string, filters: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after, f: filters } satisfies CursorState)).toString('base64url');
}

export function readDomainCursor(cursor: string, filters: string): string {
  let state: Partial<CursorState> | undefined;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
  } catch {
    state = undefined;
  }
  if (state?.v !== 1 || typeof state.after !== 'string' || typeof state.f !== 'string') {
    throw problem('invalid-cursor', 'The cursor is not one this service issued; start again without it.');
  }
  if (state.f !== filters) {
    throw problem(
      'invalid-cursor',
      'The cursor belongs to a listing with other filters; send the same filters, or start again without it.',
    );
  }
  return state.after;
}
