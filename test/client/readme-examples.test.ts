// The TypeScript examples people copy must compile: every ```ts block of the client's README, the
// repository README and docs/operations.md is type-checked (strict) against the client's source,
// imported by its package name.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../../scripts/generate-client.ts';

const run = promisify(execFile);
const ROOT = join(CLIENT_DIR, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'client-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tsBlocks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('TypeScript examples in the READMEs', () => {
  it('type-check against the client', async () => {
    const blocks = [
      ...tsBlocks('clients/typescript/README.md').map((code, i) => ({ name: `client-${i}.ts`, code })),
      ...tsBlocks('README.md').map((code, i) => ({ name: `root-${i}.ts`, code })),
      ...tsBlocks('docs/operations.md').map((code, i) => ({ name: `operations-${i}.ts`, code })),
    ];
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) writeFileSync(join(dir, block.name), block.code);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          types: ['node'],
          paths: { '@oss-cname-service/client': [join(CLIENT_DIR, 'src', 'index.ts')] },
        },
        include: blocks.map((block) => block.name),
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', dir]).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  }, 60_000);
});
