// Failures of the database itself (unreachable, restarting, disk full, read-only) as opposed to a
// statement's own mistake: the engines mark what their driver throws, and the API answers a marked
// unavailability with 503 store-unavailable instead of a 500, so clients retry rather than report a bug.
const MARK = Symbol('storeFailure');

// A statement's own mistake stays a 500: SQLite's ERROR (syntax, no such table), CONSTRAINT, MISMATCH
// and RANGE primary codes; PostgreSQL's data exception, integrity violation and syntax error classes.
const SQLITE_MISTAKES = new Set([1, 19, 20, 25]);
const POSTGRES_MISTAKE_CLASSES = new Set(['22', '23', '42']);

/** Marks an error the driver threw (rethrow the result). */
export function storeFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, MARK, { value: true });
  return error;
}

/** A marked driver error that says the database cannot take the work now (connection, I/O, space). */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !(MARK in error)) return false;
  const { errcode, code } = error as { errcode?: unknown; code?: unknown };
  // node:sqlite: extended result codes keep the primary code in the low byte.
  if (typeof errcode === 'number') return !SQLITE_MISTAKES.has(errcode & 0xff);
  // pg: a SQLSTATE on server errors; connection failures carry none, or a system code such as ECONNREFUSED.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return !POSTGRES_MISTAKE_CLASSES.has(code.slice(0, 2));
  }
  return true;
}
