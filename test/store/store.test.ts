// The query layer, transactions and migrations, on both engines.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  DataDirLockedError,
  LOCK_FILE,
  MIGRATIONS,
  migrate,
  openStore,
  SchemaTooNewError,
} from '../../src/store/index.ts';
import { describeEachEngine } from './helpers/engines.ts';

const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

describeEachEngine('store', (engine) => {
  it('runs one SQL text with $n placeholders on either engine, quoted $1 left alone', async () => {
    const store = await engine.freshStore();
    await store.run('CREATE TABLE t (a TEXT, b BIGINT)');
    expect(
      await store.run('INSERT INTO t (a, b) VALUES ($1, $2), ($3, $2)', ['x', 1_700_000_000_000, 'y']),
    ).toBe(2);
    const rows = await store.query<{ a: string; b: number; lit: string }>(
      "SELECT a, b, '$1' AS lit FROM t WHERE b = $1 ORDER BY a",
      [1_700_000_000_000],
    );
    expect(rows).toEqual([
      { a: 'x', b: 1_700_000_000_000, lit: '$1' },
      { a: 'y', b: 1_700_000_000_000, lit: '$1' },
    ]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const store = await engine.freshStore();
    await store.run('CREATE TABLE t (a TEXT)');
    await store.transaction((tx) => tx.run('INSERT INTO t (a) VALUES ($1)', ['kept']));
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO t (a) VALUES ($1)', ['dropped']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.query('SELECT a FROM t')).toEqual([{ a: 'kept' }]);
  });

  it('migrates an empty database to the latest schema', async () => {
    const store = await engine.freshStore();
    const versions = await store.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await store.query('SELECT * FROM audit_log')).toEqual([]);
    expect(await store.query('SELECT * FROM idempotency_keys')).toEqual([]);
    expect(await migrate(store)).toEqual({ from: latest, to: latest });
  });

  it('migrates from the previous schema, keeping its data', async () => {
    const settings = await engine.freshSettings();
    const old = await engine.open({ ...settings, migrate: false });
    await migrate(old, MIGRATIONS.slice(0, -1));
    await old.run(
      `INSERT INTO idempotency_keys (key_id, idempotency_key, fingerprint, claim, state, lease_until, created_at, expires_at)
       VALUES ('k', 'i', 'f', 'c', 'done', 0, 0, 1)`,
    );
    await old.close();
    const store = await engine.open(settings);
    expect(await store.query('SELECT key_id FROM idempotency_keys')).toEqual([{ key_id: 'k' }]);
    expect(await store.query('SELECT * FROM audit_log')).toEqual([]);
  });

  it('refuses a database newer than the code, saying so', async () => {
    const settings = await engine.freshSettings();
    const store = await engine.open(settings);
    await store.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
    await store.close();
    const refused = openStore(settings);
    await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(refused).rejects.toThrow(/version 999, newer than this service knows/);
  });

  it('ping fails once the store is closed', async () => {
    const store = await engine.freshStore();
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  if (engine.kind === 'postgres') {
    it('applies each migration once when replicas start together', async () => {
      const settings = await engine.freshSettings();
      const stores = await Promise.all(Array.from({ length: 6 }, () => engine.open(settings)));
      const rows = await stores[0]?.query('SELECT version FROM schema_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    });
  } else {
    it('refuses a second process on the same DATA_DIR with one clear line', async () => {
      const settings = await engine.freshSettings();
      await engine.open(settings);
      // A lock held by another live process (our parent stands in for it).
      writeFileSync(join(String(settings.dataDir), LOCK_FILE), `${process.ppid}\n`);
      const refused = openStore(settings);
      await expect(refused).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(refused).rejects.toThrow(`is in use by another process (pid ${process.ppid})`);
    });

    it('takes over the lock of a process that died', async () => {
      const settings = await engine.freshSettings();
      const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
      writeFileSync(join(String(settings.dataDir), LOCK_FILE), `${dead}\n`);
      const store = await engine.open(settings);
      await store.ping();
    });
  }
});
