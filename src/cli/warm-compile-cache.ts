// Fills Node's on-disk compile cache (NODE_COMPILE_CACHE) for the production start, when the container
// image is built: a new container then starts with compiled code instead of an empty cache, which is
// what every container of a rollout would otherwise have (a quarter of the cold start).
//
// It runs the real entry point in production mode against an emulator in this process, sends one request
// of each kind through it (health, readiness, an authenticated list, a 404 problem), so the functions
// those paths compile are in the cache too, and stops it with SIGTERM: Node writes the cache at exit.
// Any unexpected answer fails the run, so the image build doubles as a smoke test of what it ships.
//
//   NODE_COMPILE_CACHE=/app/.compile-cache node dist/cli/warm-compile-cache.js
// The cache directory is the service's: NODE_COMPILE_CACHE, else node-compile-cache in the temporary
// directory. Exit 0 when warmed, 1 when the service did not start or answered unexpectedly.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createAllScopesKeyFileEntry } from '../auth/development-key.ts';
import { DEFAULT_BUCKET } from '../emulator/default-seed.ts';
import { buildEmulator } from '../emulator/index.ts';

// Node's own default when NODE_COMPILE_CACHE is unset (see main.ts).
const cacheDir = process.env.NODE_COMPILE_CACHE || join(tmpdir(), 'node-compile-cache');

// main.ts under src (type stripping), main.js under dist: the entry next to this file's parent.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const entry = fileURLToPath(new URL(`../main.${ext}`, import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 15_000;

function writeKeyFile(dir: string): { file: string; key: string } {
  const { key, entry } = createAllScopesKeyFileEntry('compile-cache-warm-up');
  const file = join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify({ keys: [entry] }));
  return { file, key };
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

async function expectStatus(url: string, status: number, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== status) throw new Error(`GET ${url} answered ${res.status}, expected ${status}`);
}

async function main(): Promise<void> {
  // Managed certificates' ACME side loads only when they are configured (certificates/from-config.ts),
  // which the start below is not: compiled here into the same cache, so a start that has them finds it.
  enableCompileCache(cacheDir);
  await import('../certificates/acme-wiring.ts');
  const work = mkdtempSync(join(tmpdir(), 'oss-cname-warm-up-'));
  const emulator = await buildEmulator({ log: () => {} });
  try {
    const { file, key } = writeKeyFile(work);
    const child = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_COMPILE_CACHE: cacheDir,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        API_KEYS_FILE: file,
        // The warm-up's store is thrown away with its work directory, never the image's volume.
        DATA_DIR: join(work, 'data'),
        OSS_CREDENTIALS_PROVIDER: 'static',
        OSS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
        OSS_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
        OSS_ENDPOINT: emulator.url,
        DNS_RESOLVERS: `${emulator.dns.host}:${emulator.dns.port}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await announcedUrl(child.stdout, exited);
      const auth = { authorization: `Bearer ${key}` };
      await expectStatus(`${url}/livez`, 200);
      await expectStatus(`${url}/readyz`, 200);
      await expectStatus(`${url}/buckets/${DEFAULT_BUCKET}/cnames`, 200, auth);
      await expectStatus(`${url}/buckets/${DEFAULT_BUCKET}/cnames/warm-up.example.com`, 404, auth);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await withTimeout(exited, SHUTDOWN_TIMEOUT_MS, 'the service did not stop after SIGTERM');
    if (code !== 0) throw new Error(`the service exited with ${code} after SIGTERM`);
    process.stdout.write(`compile cache warmed: ${countFiles(cacheDir)} files in ${cacheDir}\n`);
  } finally {
    await emulator.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The URL of the service's "service started" log line; fails if the process exits first. */
function announcedUrl(stdout: NodeJS.ReadableStream, exited: Promise<number | null>): Promise<string> {
  return new Promise((resolve, reject) => {
    // Read to the end, not just to the line: a full pipe would stall the service's logging.
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      const match = /"msg":"service started"/.test(line) ? /"url":"([^"]+)"/.exec(line) : null;
      if (match) resolve(match[1] as string);
    });
    // Its output ends just before it exits; the exit code says more than the closed pipe.
    exited.then((code) => reject(new Error(`the service exited with ${code} before it started`)));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

main().catch((error: unknown) => {
  process.stderr.write(`warm-compile-cache: ${(error as Error).message}\n`);
  process.exit(1);
});
