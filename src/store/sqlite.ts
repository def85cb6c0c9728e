// The embedded engine: node:sqlite (built into Node, no native addon), one file in DATA_DIR, WAL journal.
// Its calls are synchronous and take microseconds; a mutex keeps transactions whole.
import { DatabaseSync } from 'node:sqlite';
import { storeFailure } from './failure.ts';
import { Mutex } from './mutex.ts';
import { toSqlitePlaceholders } from './placeholders.ts';
import type { Queryable, Row, SqlValue, Store } from './types.ts';

export function openSqlite(path: string): Store {
  const db = new DatabaseSync(path);
  if (path !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON');
  const mutex = new Mutex();
  let closed = false;
  const engine = <T>(call: () => T): T => {
    try {
      if (closed) throw new Error('the store is closed');
      return call();
    } catch (error) {
      throw storeFailure(error);
    }
  };

  const direct: Queryable = {
    kind: 'sqlite',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return engine(() => db.prepare(toSqlitePlaceholders(sql)).all(...params) as T[]);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return engine(() => Number(db.prepare(toSqlitePlaceholders(sql)).run(...params).changes));
    },
  };

  const inTransaction = <T>(begin: string, work: (tx: Queryable) => Promise<T>) =>
    mutex.run(async () => {
      await direct.run(begin);
      try {
        const result = await work(direct);
        // A full or read-only disk can refuse the commit itself; the rollback below undoes it all.
        engine(() => db.exec('COMMIT'));
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });

  return {
    kind: 'sqlite',
    description: path === ':memory:' ? 'sqlite (in memory)' : `sqlite ${path}`,
    query: (sql, params) => mutex.run(() => direct.query(sql, params)),
    run: (sql, params) => mutex.run(() => direct.run(sql, params)),
    transaction: (work) => inTransaction('BEGIN IMMEDIATE', work),
    withMigrationLock: (work) => inTransaction('BEGIN EXCLUSIVE', work),
    ping: async () => {
      await direct.query('SELECT 1');
    },
    close: async () =>
      mutex.run(async () => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
}
