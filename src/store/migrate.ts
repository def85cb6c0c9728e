// Brings the schema up to date at start, under the database's migration lock: replicas starting together
// apply each step once. A database newer than this code refuses to start instead of being misread.
import { SchemaTooNewError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import type { Store } from './types.ts';

export interface MigrationResult {
  from: number;
  to: number;
}

export async function migrate(
  store: Store,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<MigrationResult> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  return store.withMigrationLock(async (tx) => {
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const [row] = await tx.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    );
    const from = Number(row?.version ?? 0);
    if (from > latest) throw new SchemaTooNewError(from, latest);
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      for (const statement of migration.statements(tx.kind)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        now(),
      ]);
    }
    return { from, to: Math.max(from, latest) };
  });
}
