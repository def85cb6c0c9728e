import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './types.ts';

// Runs the bench/rows/*.ts modules (the issue's order first, any other module after them), prints one
// table and the change against the previous bench/results.json, and (full runs only) writes the new
// results there.
//   node bench/run.ts               every row
//   node bench/run.ts service cold  only modules whose file name contains one of the words

const rowsDir = fileURLToPath(new URL('./rows/', import.meta.url));
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
const ORDER = [
  'oss-signing.ts',
  'service-list.ts',
  'service-cycle.ts',
  'service-memory.ts',
  'cold-start.ts',
  'emulator-listcname.ts',
  'resilience-soak.ts',
];

interface Results {
  generatedAt: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  durationSeconds: number;
  rows: BenchRow[];
}

function formatNumber(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function cells(row: BenchRow): string[] {
  return [
    row.name,
    `${formatNumber(row.ours)} ${row.unit}`,
    row.comparison ? `${formatNumber(row.comparison.value)} ${row.unit} (${row.comparison.label})` : '-',
    row.ratio === undefined ? '-' : `${row.ratio.toFixed(2)}x`,
    row.goal ? `${row.goal.text} ${row.goal.met ? 'met' : 'NOT met'}` : '-',
  ];
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

/** Ours against the previous run's ours, for rows present in both; + means better. */
function delta(rows: BenchRow[], previous: Results | undefined): string | undefined {
  if (!previous) return undefined;
  const before = new Map(previous.rows.map((r) => [r.name, r]));
  const body: string[][] = [];
  for (const row of rows) {
    const old = before.get(row.name);
    if (!old || old.unit !== row.unit || old.ours === 0) continue;
    const change = (row.ours / old.ours - 1) * (row.higherIsBetter ? 100 : -100);
    body.push([row.name, `${formatNumber(old.ours)} -> ${formatNumber(row.ours)} ${row.unit}`, pct(change)]);
  }
  if (body.length === 0) return undefined;
  return `Change against ${previous.generatedAt} (+ is better):\n${table(['row', 'ours', 'change'], body)}`;
}

function pct(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
}

function readPrevious(): Results | undefined {
  if (!existsSync(resultsFile)) return undefined;
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

const filters = process.argv.slice(2);
const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
const files = readdirSync(rowsDir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const started = performance.now();
const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}...\n`);
  const mod = (await import(pathToFileURL(rowsDir + file).href)) as BenchModule;
  rows.push(...(await mod.run()));
}
const durationSeconds = (performance.now() - started) / 1000;
console.log(table(['row', 'ours', 'comparison', 'ratio', 'goal'], rows.map(cells)));
const notes = rows.filter((r) => r.notes);
if (notes.length > 0)
  console.log(`\nNotes:\n${notes.map((r) => `- ${r.name.trim()}: ${r.notes}`).join('\n')}`);
const previous = readPrevious();
const change = delta(rows, previous);
if (change) console.log(`\n${change}`);
const results: Results = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  durationSeconds,
  rows,
};
console.log(
  `\n${results.generatedAt} | node ${results.node} | ${results.cpu} x${results.cores} | ${durationSeconds.toFixed(0)} s`,
);
// A partial run would leave rows out of the record two full runs are compared by.
if (filters.length === 0) {
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${resultsFile}`);
} else console.log('partial run: bench/results.json left as it was');
