// The package as a consumer gets it: built with its own tsconfig, installed under node_modules, and
// imported by name through its package.json `exports` from plain ESM, with declarations beside it.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../../scripts/generate-client.ts';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(CLIENT_DIR, 'package.json'), 'utf8'));
let root: string;
let installed: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'client-package-'));
  installed = join(root, 'node_modules', ...manifest.name.split('/'));
  mkdirSync(installed, { recursive: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [
    tsc,
    '-p',
    join(CLIENT_DIR, 'tsconfig.json'),
    '--outDir',
    join(installed, 'dist'),
  ]);
  cpSync(join(CLIENT_DIR, 'package.json'), join(installed, 'package.json'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the client package', () => {
  it('is ESM with types and needs nothing at run time', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
    expect(existsSync(join(installed, manifest.exports['.'].types))).toBe(true);
    expect(existsSync(join(installed, manifest.exports['.'].import))).toBe(true);
  });

  it('imports by name from plain JavaScript and exposes the operations, errors and verifier', async () => {
    const script = join(root, 'consumer.mjs');
    writeFileSync(
      script,
      [
        `import * as sdk from '${manifest.name}';`,
        'const names = Object.keys(sdk).filter((k) => typeof sdk[k] === "function").sort();',
        'console.log(JSON.stringify(names));',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [script], { cwd: root });
    const names = JSON.parse(stdout) as string[];
    expect(names).toEqual(
      expect.arrayContaining([
        'createServiceClient',
        'createCnameToken',
        'getCnameToken',
        'putBinding',
        'listBindings',
        'deleteBinding',
        'ProblemResponseError',
        'verifyWebhook',
        'signWebhook',
      ]),
    );
  });
});
