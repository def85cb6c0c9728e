// Picks the engine from the settings and brings its schema up to date: PostgreSQL when DATABASE_URL is
// set, otherwise SQLite in DATA_DIR (locked to this process), or in memory when neither is given (tests).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './types.ts';

export interface StoreSettings {
  /** postgres:// or postgresql:// */
  databaseUrl?: string | undefined;
  /** Where the embedded store lives when there is no databaseUrl. */
  dataDir?: string | undefined;
  /** Run the migrations (default true). */
  migrate?: boolean | undefined;
}

export const SQLITE_FILE = 'state.sqlite';

export async function openStore(settings: StoreSettings): Promise<Store> {
  const store = await openEngine(settings);
  if (settings.migrate !== false) {
    try {
      await migrate(store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

async function openEngine({ databaseUrl, dataDir }: StoreSettings): Promise<Store> {
  // Loaded only for PostgreSQL: the embedded store's start never pays for the driver.
  if (databaseUrl !== undefined) return (await import('./postgres.ts')).openPostgres(databaseUrl);
  if (dataDir === undefined) return openSqlite(':memory:');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dataDir);
  let store: Store;
  try {
    store = openSqlite(join(dataDir, SQLITE_FILE));
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    ...store,
    close: async () => {
      await store.close();
      lock.release();
    },
  };
}

/** An empty in-memory store for apps built without one (tests); the caller migrates it. */
export function openMemoryStore(): Store {
  return openSqlite(':memory:');
}
