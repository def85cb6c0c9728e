// One measurement of the embedded store's part of a service start, in a fresh process: milliseconds to
// load the store's modules, open DATA_DIR's SQLite file (lock, WAL), bring its schema up to date and answer
// a query, the CPU time this took (user + system, all threads: less sensitive than the wall clock to other
// processes on the machine) and the RSS it added. Prints JSON.
//   node bench/children/store-open.ts '{"entry":"…/dist/store/index.js","dataDir":"…","compileCache":"…"}'
// `entry` is dist/store/index.js for what ships (or src/store/index.ts, type-stripped, for development);
// `compileCache` is switched on first, as main.ts does before the service's modules load. The caller
// decides whether dataDir is new (a first start: every migration runs) or already migrated (a restart).
import { enableCompileCache } from 'node:module';
import { performance } from 'node:perf_hooks';

const { entry, dataDir, compileCache } = JSON.parse(process.argv[2] ?? '{}') as {
  entry: string;
  dataDir: string;
  compileCache?: string;
};
if (compileCache !== undefined) enableCompileCache(compileCache);
const rssBefore = process.memoryUsage().rss;
const began = performance.now();
const cpuBefore = process.cpuUsage();
const { openStore } = (await import(entry)) as typeof import('../../src/store/index.ts');
const store = await openStore({ dataDir });
await store.query('SELECT count(*) AS n FROM audit_log');
const ms = performance.now() - began;
const cpu = process.cpuUsage(cpuBefore);
const rssAfter = process.memoryUsage().rss;
await store.close();
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: (rssAfter - rssBefore) / 1_048_576 })}\n`,
);
