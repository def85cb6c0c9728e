import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore, SQLITE_FILE } from '../../src/store/index.ts';

// How far the reconciler got, read from the store beside the running service: a domain counts as checked
// once its next check moved past the moment the service was started. The embedded store is read through
// a read-only SQLite connection (the service holds DATA_DIR's lock; WAL lets others read).

export interface Engine {
  label: string;
  env: NodeJS.ProcessEnv;
  /** Domains checked since `since` (epoch ms), and the last of those writes. */
  progress(since: number): Promise<{ checked: number; lastMs: number }>;
  close(): Promise<void>;
}

const PROGRESS_SQL =
  'SELECT count(*) AS n, max(updated_at) AS last FROM managed_domains WHERE next_check_at > $1';

export function embedded(dataDir: string): Engine {
  let db: DatabaseSync | undefined;
  return {
    label: 'embedded store',
    env: { DATA_DIR: dataDir },
    async progress(since) {
      db ??= new DatabaseSync(join(dataDir, SQLITE_FILE), { readOnly: true });
      const row = db.prepare(PROGRESS_SQL.replace('$1', '?')).get(since) as {
        n: number;
        last: number | null;
      };
      return { checked: Number(row.n), lastMs: Number(row.last ?? 0) };
    },
    async close() {
      db?.close();
    },
  };
}

export async function postgres(url: string, dataDir: string): Promise<Engine> {
  const store = await openStore({ databaseUrl: url });
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    async progress(since) {
      const [row] = await store.query<{ n: string; last: string | null }>(PROGRESS_SQL, [since]);
      return { checked: Number(row?.n ?? 0), lastMs: Number(row?.last ?? 0) };
    },
    close: () => store.close(),
  };
}
