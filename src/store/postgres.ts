// PostgreSQL through `pg`: the engine several replicas share. A pool per process; transactions and the
// migration lock each hold one connection for their duration.
import pg from 'pg';
import { storeFailure } from './failure.ts';
import { redactUrl } from './redact-url.ts';
import type { Queryable, Row, SqlValue, Store } from './types.ts';

// BIGINT columns hold epoch milliseconds and ids, well inside a double: numbers, not strings.
const INT8_OID = 20;
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
};

// pg_advisory_lock key of the migrations: any constant shared by every replica.
const MIGRATION_LOCK = 0x6f73_7363; // "oscs"

const fail = (error: unknown): never => {
  throw storeFailure(error);
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(sql, params as unknown[]).catch(fail)).rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(sql, params as unknown[]).catch(fail)).rowCount ?? 0;
    },
  };
}

export function openPostgres(url: string): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    types,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const shared = queryable(pool);

  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect().catch(fail);
    let broken = false;
    // The pool listens only to idle connections: a server gone between two queries of a transaction would
    // otherwise emit an unhandled 'error' and end the process. The next query fails and rolls back.
    const dropped = () => {
      broken = true;
    };
    client.on('error', dropped);
    try {
      return await work(client);
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
  };

  const transaction = <T>(client: pg.PoolClient, work: (tx: Queryable) => Promise<T>) =>
    (async () => {
      const tx = queryable(client);
      await tx.run('BEGIN');
      try {
        const result = await work(tx);
        await tx.run('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    })();

  return {
    kind: 'postgres',
    description: `postgres ${redactUrl(url)}`,
    query: shared.query,
    run: shared.run,
    transaction: (work) => withClient((client) => transaction(client, work)),
    withMigrationLock: (work) =>
      withClient(async (client) => {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          return await transaction(client, work);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      }),
    ping: async () => {
      await pool.query('SELECT 1').catch(fail);
    },
    close: () => pool.end(),
  };
}
