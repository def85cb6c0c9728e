// One measurement of the embedded store's cost, in a fresh process: milliseconds to load src/store, open
// DATA_DIR's SQLite file, run the migrations and answer a query, and the RSS this added. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
const rssBefore = process.memoryUsage().rss;
const began = performance.now();
const { openStore } = await import('../../src/store/index.ts');
const store = await openStore({ dataDir: dir });
await store.query('SELECT count(*) AS n FROM audit_log');
const ms = performance.now() - began;
const rssAfter = process.memoryUsage().rss;
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ ms, rssMb: (rssAfter - rssBefore) / 1_048_576 })}\n`);
