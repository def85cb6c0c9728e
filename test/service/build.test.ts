// The production build (what `npm run build` and the container run): tsc emits JavaScript that starts,
// serves /livez, and shuts down cleanly. Built into a throw-away directory beside dist/ so the relative
// paths (package.json, node_modules) resolve exactly as they do from dist/.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, REPO, ServiceProcess } from './helpers/process.ts';

const run = promisify(execFile);
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(REPO, '.build-test-'));
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: REPO });
}, 120_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('production build', () => {
  it('starts from the emitted main.js, answers /livez and exits 0 on SIGTERM', async () => {
    const service = new ServiceProcess([join(relative(REPO, outDir), 'main.js')], {
      ...EPHEMERAL,
      NODE_ENV: 'development',
    });
    try {
      const base = await service.url();
      const res = await fetch(`${base}/livez`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      service.child.kill('SIGTERM');
      expect((await service.exited).code).toBe(0);
    } finally {
      await service.stop();
    }
  });
});
