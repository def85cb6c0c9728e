// The one query layer both engines offer: PostgreSQL-style `$n` placeholders, rows as plain objects.

export type SqlValue = string | number | bigint | null;
export type Row = Record<string, unknown>;
export type EngineKind = 'sqlite' | 'postgres';

export interface Queryable {
  readonly kind: EngineKind;
  /** Rows of a SELECT (or of a statement with RETURNING). */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Store extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs `work` while holding the one migration lock of the database (replicas starting together). */
  withMigrationLock<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Where the data lives, without credentials: for logs and errors. */
  readonly description: string;
}
