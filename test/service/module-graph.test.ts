// What a start loads, in a fresh process (the way `node dist/main.js` loads it): the app and a start
// without managed certificates leave the ACME client and its crypto packages (about 200 modules) unloaded.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).href;

// Records every module the process resolves, loads the app and wires certificates as a start does.
const CHILD = `
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); return r; } });
await import(${JSON.stringify(`${SRC}app.ts`)});
const { certificatesFromConfig } = await import(${JSON.stringify(`${SRC}certificates/from-config.ts`)});
const wiring = await certificatesFromConfig({ config: { DATA_DIR: process.argv[1] }, store: {}, secretsKey: undefined });
process.stdout.write(JSON.stringify({ loaded: [...loaded], line: wiring.line }));
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'start-graph-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a start without managed certificates loads no ACME client', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, dir]);
  const { loaded, line } = JSON.parse(stdout) as { loaded: string[]; line: string };
  expect(line).toMatch(/Managed certificates are off/);
  expect(loaded.some((url) => url.endsWith('/src/app.ts'))).toBe(true);
  const acme = loaded.filter((url) =>
    /\/node_modules\/(acme-client|node-forge|@peculiar|tsyringe)\/|\/src\/acme\//.test(url),
  );
  expect(acme).toEqual([]);
});
