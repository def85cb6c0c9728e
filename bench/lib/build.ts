import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NODE } from './processes.ts';

// The production start command runs dist/; rebuild it (npm run build's tsc) when any source is newer.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'dist/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(ENTRY).mtimeMs;
  } catch {
    return 0;
  }
}

let checked = false;

/** Runs `tsc -p tsconfig.build.json` when dist/main.js is missing or older than src/. */
export async function ensureBuilt(): Promise<void> {
  if (checked) return;
  checked = true;
  if (builtAt() >= newestSource(join(ROOT, 'src'))) return;
  process.stderr.write('bench: dist/ is stale, building (npm run build)...\n');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await promisify(execFile)(NODE, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT });
  } catch (error) {
    // tsc still emits when it reports type errors (someone's work in progress); run what was emitted.
    if (builtAt() === 0) throw error;
    process.stderr.write(`bench: the build reported errors; measuring what it emitted\n`);
  }
}
