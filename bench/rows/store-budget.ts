import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/latency.ts';
import type { BenchRow } from '../types.ts';

// The embedded store's budget (issue: at most 30 MB of RSS and 50 ms of cold start on top of the
// service): a fresh process loads src/store, opens a new SQLite file in a DATA_DIR, migrates it and
// answers a query. Median of several processes; measured from source, so it includes type stripping.

const RUNS = 5;
const CHILD = fileURLToPath(new URL('../children/store-open.ts', import.meta.url));

export async function run(): Promise<BenchRow[]> {
  const samples = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, [CHILD], { encoding: 'utf8' });
    return JSON.parse(out) as { ms: number; rssMb: number };
  });
  const ms = median(samples.map((s) => s.ms));
  const rssMb = median(samples.map((s) => s.rssMb));
  return [
    {
      name: 'Embedded store: added cold start (load, open, migrate, first query)',
      unit: 'ms',
      ours: ms,
      higherIsBetter: false,
      goal: { text: '<= 50 ms', met: ms <= 50 },
    },
    {
      name: 'Embedded store: added RSS',
      unit: 'MB',
      ours: rssMb,
      higherIsBetter: false,
      goal: { text: '<= 30 MB', met: rssMb <= 30 },
    },
  ];
}
