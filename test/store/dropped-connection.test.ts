// A PostgreSQL connection the server ends in the middle of a transaction, between two of its queries
// (a restart, an operator's pg_terminate_backend): the transaction fails as a store failure and the
// process lives on. Before the fix the checked-out connection emitted an 'error' nobody listened to.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreUnavailable, openStore, type Store } from '../../src/store/index.ts';
import { createPostgresDatabase } from './helpers/engines.ts';

let store: Store;
let admin: pg.Client;

beforeAll(async () => {
  const databaseUrl = await createPostgresDatabase();
  store = await openStore({ databaseUrl });
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await store?.close();
});

describe('a connection ended by the server inside a transaction', () => {
  it('fails that transaction as a store failure, and the next one runs', async () => {
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = store.transaction(async (tx) => {
        const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [me?.pid]);
        // Let the connection see its socket close before the next query.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await tx.query('SELECT 1');
      });
      const error = await failed.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isStoreUnavailable(error)).toBe(true);
      const [row] = await store.query<{ n: number }>('SELECT 1 AS n');
      expect(row?.n).toBe(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
