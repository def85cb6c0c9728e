import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE } from './processes.ts';

// The image build's step (Dockerfile): the production start, run once to fill Node's compile cache, so what
// the bench times next is the start of a new container of the image.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Fills `dir` as the image build fills /app/.compile-cache; dist/ must be built. */
export function warmCompileCache(dir: string): void {
  execFileSync(NODE, [join(ROOT, 'dist/cli/warm-compile-cache.js')], {
    env: { ...process.env, NODE_COMPILE_CACHE: dir },
    // Its reason, should the warm-up fail, is on stderr.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
