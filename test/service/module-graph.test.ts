// What a start loads, in a fresh process (the way `node dist/main.js` loads it): the app and a start
// without managed certificates leave the ACME client and its crypto packages (about 370 modules) unloaded,
// and with tracing off our code imports nothing of OpenTelemetry (prom-client still loads its own copy
// of the API). bench/README.md, row 5, has what each of these cost a start.
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
const imports = [];
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); imports.push([context.parentURL, r.url]); return r; } });
await import(${JSON.stringify(`${SRC}app.ts`)});
const { certificatesFromConfig } = await import(${JSON.stringify(`${SRC}certificates/from-config.ts`)});
const wiring = await certificatesFromConfig({ config: { DATA_DIR: process.argv[1] }, store: {}, secretsKey: undefined });
process.stdout.write(JSON.stringify({ loaded: [...loaded], imports, line: wiring.line }));
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'start-graph-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Graph {
  loaded: string[];
  imports: [string | undefined, string][];
  line: string;
}

async function startGraph(): Promise<Graph> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, dir]);
  return JSON.parse(stdout) as Graph;
}

it('a start without managed certificates loads no ACME client', async () => {
  const { loaded, line } = await startGraph();
  expect(line).toMatch(/Managed certificates are off/);
  expect(loaded.some((url) => url.endsWith('/src/app.ts'))).toBe(true);
  const acme = loaded.filter((url) =>
    /\/node_modules\/(acme-client|node-forge|@peculiar|tsyringe)\/|\/src\/acme\//.test(url),
  );
  expect(acme).toEqual([]);
});

it('with tracing off, none of our modules imports OpenTelemetry', async () => {
  const { imports } = await startGraph();
  const ours = imports.filter(([parent]) => parent?.startsWith(SRC));
  expect(ours.length).toBeGreaterThan(100);
  expect(ours.filter(([, url]) => url.includes('/node_modules/@opentelemetry/'))).toEqual([]);
});
