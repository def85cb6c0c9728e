// The image build's compile-cache warm-up (src/cli/warm-compile-cache.ts, run by the Dockerfile): it must
// leave a cache from which the production start compiles nothing, and fail the image build when the
// service does not start.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheHits, cacheMisses } from './helpers/compile-cache-reads.ts';
import { EPHEMERAL, ServiceProcess } from './helpers/process.ts';

const WARM_UP = 'src/cli/warm-compile-cache.ts';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compile-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(env: Record<string, string>): Promise<ServiceProcess> {
  const proc = new ServiceProcess([WARM_UP], env);
  await proc.exited;
  return proc;
}

describe('warm-compile-cache', () => {
  it('fills the cache so that a production start finds every module compiled', async () => {
    const cache = join(dir, 'cache');
    const warm = await run({ NODE_COMPILE_CACHE: cache });
    expect(await warm.exited, warm.output()).toEqual({ code: 0, signal: null });
    expect(warm.stdout).toEqual([expect.stringMatching(/^compile cache warmed: \d+ files in /)]);
    const [userDir] = await readdir(cache);
    expect(userDir).toMatch(/^v\d+\.\d+\.\d+-/);
    expect((await readdir(join(cache, userDir as string))).length).toBeGreaterThan(300);

    await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [] }));
    const service = new ServiceProcess(['src/main.ts'], {
      ...EPHEMERAL,
      NODE_ENV: 'production',
      OSS_ACCESS_KEY_ID: 'LTAI5tWarmCacheTest',
      OSS_ACCESS_KEY_SECRET: 'warm-cache-test-secret',
      OSS_REGION: 'cn-hangzhou',
      API_KEYS_FILE: join(dir, 'keys.json'),
      NODE_COMPILE_CACHE: cache,
      NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
    });
    try {
      await service.url();
      service.child.kill('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
    } finally {
      await service.stop();
    }
    // Hundreds of modules came from the cache, and none was compiled from source.
    expect(cacheHits(service.stderr).length).toBeGreaterThan(300);
    expect(cacheMisses(service.stderr)).toEqual([]);
  });

  it('also compiles the ACME side, which a start loads only when managed certificates are on', async () => {
    const cache = join(dir, 'cache');
    const warm = await run({ NODE_COMPILE_CACHE: cache });
    expect(await warm.exited, warm.output()).toEqual({ code: 0, signal: null });
    const load = new ServiceProcess(
      ['--input-type=module', '-e', "await import('./src/certificates/acme-wiring.ts')"],
      { NODE_COMPILE_CACHE: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
    );
    expect(await load.exited, load.output()).toEqual({ code: 0, signal: null });
    // The -e script itself is the one module no warm-up can have compiled.
    expect(cacheHits(load.stderr).some((file) => file.includes('/acme-client/'))).toBe(true);
    expect(cacheMisses(load.stderr, (file) => file.includes('[eval'))).toEqual([]);
  });

  it("uses Node's default directory when NODE_COMPILE_CACHE is unset", async () => {
    const warm = await run({ TMPDIR: dir });
    expect(await warm.exited, warm.output()).toEqual({ code: 0, signal: null });
    expect(warm.stdout[0]).toContain(join(dir, 'node-compile-cache'));
    expect((await readdir(join(dir, 'node-compile-cache'))).length).toBe(1);
  });

  it('fails when the service does not start, saying why', async () => {
    const warm = await run({ NODE_COMPILE_CACHE: join(dir, 'cache'), RATE_LIMIT_MAX: 'many' });
    expect(await warm.exited).toEqual({ code: 1, signal: null });
    expect(warm.stderr.join('\n')).toContain('RATE_LIMIT_MAX');
    expect(warm.stderr.join('\n')).toContain(
      'warm-compile-cache: the service exited with 1 before it started',
    );
  });
});
