import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './types.ts';

// Runs every bench/rows/*.ts module in file-name order, prints one table and writes bench/results.json.
// Areas add rows by adding a module that exports `run(): Promise<BenchRow[]>`.

const rowsDir = fileURLToPath(new URL('./rows/', import.meta.url));
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

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

function table(rows: BenchRow[]): string {
  const header = ['row', 'ours', 'comparison', 'ratio', 'goal'];
  const body = rows.map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

const files = readdirSync(rowsDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const rows: BenchRow[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(rowsDir + file).href)) as BenchModule;
  rows.push(...(await mod.run()));
}
console.log(table(rows));
const results = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  rows,
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${resultsFile}`);
