/**
 * Runs the `openssl` CLI (installed by `npm run pretest`) for the test certificate helpers: every run
 * works in its own temporary directory, and results are cached for the life of the test process, so
 * asking twice for the same key or certificate costs nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cache = new Map<string, Promise<unknown>>();

export function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = make();
    cache.set(key, entry);
  }
  return entry;
}

/** Runs one job in a fresh temporary directory that is removed afterwards. */
export async function inTempDir<T>(job: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'oss-cname-certs-'));
  try {
    return await job(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function openssl(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('openssl', args, { cwd, maxBuffer: 1 << 20 });
  return stdout;
}
