// Filters and pages a bucket's bindings. OSS's ListCname has no paging, so the service pages itself:
// stable order by domain, and an opaque cursor holding the last domain served plus the filters it is for.
import { type ProblemError, problem } from '../../errors/problem.ts';
import { openCursor, sealCursor } from '../../paging/cursor-seal.ts';
import type { BindingView, ListQueryInput } from '../../schemas/cname.ts';

export interface Page {
  items: BindingView[];
  nextCursor: string | null;
}

interface CursorState {
  v: 1;
  /** Last domain of the previous page; the next page starts after it. */
  after: string;
  /** The filters the cursor was issued for. */
  f: string;
}

export function pageOf(all: readonly BindingView[], query: ListQueryInput): Page {
  const filters = filterKey(query);
  const after = query.cursor === undefined ? undefined : readCursor(query.cursor, filters);
  const matching = all
    .filter((binding) => matches(binding, query))
    .sort((a, b) => compare(a.domain, b.domain))
    .filter((binding) => after === undefined || compare(binding.domain, after) > 0);
  const items = matching.slice(0, query.limit);
  const last = items.at(-1);
  const more = matching.length > items.length && last !== undefined;
  return { items, nextCursor: more ? writeCursor({ v: 1, after: last.domain, f: filters }) : null };
}

function matches(binding: BindingView, query: ListQueryInput): boolean {
  if (query.status !== undefined && binding.status !== query.status) return false;
  if (query.certificate === 'none' && binding.certificate !== null) return false;
  if (query.certificate === 'any' && binding.certificate === null) return false;
  if (query.expiresBefore !== undefined) {
    const until = binding.certificate?.validUntil;
    if (until === undefined || until === null) return false;
    if (!(Date.parse(until) < Date.parse(query.expiresBefore))) return false;
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function filterKey(query: ListQueryInput): string {
  return JSON.stringify([query.status ?? '', query.certificate ?? '', query.expiresBefore ?? '']);
}

function writeCursor(state: CursorState): string {
  return sealCursor(Buffer.from(JSON.stringify(state)).toString('base64url'));
}

function readCursor(cursor: string, filters: string): string {
  const payload = openCursor(cursor);
  let state: Partial<CursorState> | undefined;
  try {
    state =
      payload === undefined
        ? undefined
        : (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<CursorState>);
  } catch {
    state = undefined;
  }
  if (state?.v !== 1 || typeof state.after !== 'string' || typeof state.f !== 'string') {
    throw invalidCursor('The cursor is not one this service issued; start again without it.');
  }
  if (state.f !== filters) {
    throw invalidCursor(
      'The cursor belongs to a listing with other filters; send the same filters, or start again without it.',
    );
  }
  return state.after;
}

function invalidCursor(detail: string): ProblemError {
  return problem('invalid-cursor', detail);
}
