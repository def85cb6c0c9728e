// What opening the store loads, in a fresh process (the way a start loads it): the embedded engine needs
// neither the PostgreSQL driver nor the problem catalogue and zod, so its share of a start is its own
// modules; PostgreSQL mode still loads `pg`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';

const STORE = new URL('../../src/store/index.ts', import.meta.url).href;

// Records every module the process resolves, opens the store with the settings given, prints the list.
const CHILD = `
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); return r; } });
const { openStore } = await import(${JSON.stringify(STORE)});
const store = await openStore(JSON.parse(process.argv[1]));
await store.close();
process.stdout.write(JSON.stringify([...loaded]));
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-graph-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function modulesLoaded(settings: object): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--input-type=module',
    '-e',
    CHILD,
    JSON.stringify(settings),
  ]);
  return JSON.parse(stdout) as string[];
}

const isPg = (url: string) => /\/node_modules\/pg(-[a-z]+)?\//.test(url);

it('opens the embedded store without loading pg, zod or the problem catalogue', async () => {
  const loaded = await modulesLoaded({ dataDir: join(dir, 'data') });
  expect(loaded).toContain('node:sqlite');
  expect(loaded.filter(isPg)).toEqual([]);
  expect(loaded.filter((url) => url.includes('/node_modules/'))).toEqual([]);
  expect(loaded.filter((url) => url.includes('/src/errors/'))).toEqual([]);
});

it('loads pg for PostgreSQL', async () => {
  // No connection is made without migrations: the pool connects on its first query.
  const loaded = await modulesLoaded({ databaseUrl: 'postgres://u@127.0.0.1:1/db', migrate: false });
  expect(loaded.some(isPg)).toBe(true);
});
