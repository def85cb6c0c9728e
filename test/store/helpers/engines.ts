// Every store test runs on both engines: SQLite in a fresh temporary DATA_DIR, and a fresh database in
// the run's throwaway PostgreSQL (test/global-setup-postgres.ts). Stores opened here close after each test.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, inject } from 'vitest';
import { type EngineKind, openStore, type Store, type StoreSettings } from '../../../src/store/index.ts';

export interface Engine {
  kind: EngineKind;
  /** Settings for a new, empty database. */
  freshSettings(): Promise<StoreSettings>;
  /** A new, empty, migrated store (closed after the test). */
  freshStore(): Promise<Store>;
  /** Opens more stores on existing settings (closed after the test). */
  open(settings: StoreSettings): Promise<Store>;
}

export async function createPostgresDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  const name = `t_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export function describeEachEngine(
  name: string,
  body: (engine: Engine) => void,
  kinds: readonly EngineKind[] = ['sqlite', 'postgres'],
): void {
  for (const kind of kinds) {
    describe(`${name} [${kind}]`, () => {
      const opened: Store[] = [];
      const dirs: string[] = [];
      afterEach(async () => {
        await Promise.all(opened.splice(0).map((s) => s.close().catch(() => {})));
      });
      afterAll(() => {
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      });
      const engine: Engine = {
        kind,
        freshSettings: async () => {
          if (kind === 'postgres') return { databaseUrl: await createPostgresDatabase() };
          const dir = mkdtempSync(join(tmpdir(), 'oss-cname-store-'));
          dirs.push(dir);
          return { dataDir: dir };
        },
        open: async (settings) => {
          const store = await openStore(settings);
          opened.push(store);
          return store;
        },
        freshStore: async () => engine.open(await engine.freshSettings()),
      };
      body(engine);
    });
  }
}

/** Tests only PostgreSQL can run (several pools on one database), declared for it alone, never skipped. */
export function describeOnPostgres(name: string, body: (engine: Engine) => void): void {
  describeEachEngine(name, body, ['postgres']);
}
