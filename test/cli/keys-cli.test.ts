// The keys CLI contract: `create` prints the key alone on line 1 and the key-file entry as one JSON line
// on line 2; that entry, put in API_KEYS_FILE, makes the key work with exactly the scopes asked for.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';
import { REPO } from '../service/helpers/process.ts';

const run = promisify(execFile);

async function keys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli/keys.ts', ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keys-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('keys create', () => {
  it('prints the key, then the entry, and the entry makes the key work with those scopes', async () => {
    const { code, stdout, stderr } = await keys(
      'create',
      '--id',
      'web-team',
      '--buckets',
      'web-*',
      '--domains',
      '*.example.com',
      '--actions',
      'cname:read,cname:write',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const [key, json] = lines as [string, string];
    expect(key).toMatch(/^ocsk_[A-Za-z0-9_-]{43}$/);
    const entry = JSON.parse(json);
    expect(entry).toMatchObject({
      id: 'web-team',
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      buckets: ['web-*'],
      domains: ['*.example.com'],
      actions: ['cname:read', 'cname:write'],
    });
    expect(json).not.toContain(key);

    const file = join(dir, 'keys.json');
    await writeFile(file, JSON.stringify({ keys: [entry] }));
    expect((await keys('check', file)).stdout).toBe(`${file}: 1 key(s) valid\n`);

    const { app } = await startApp({ env: { API_KEYS_FILE: file } });
    try {
      const get = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${key}` } });
      expect((await get('/buckets/web-site/cnames')).statusCode).toBe(200);
      expect((await get('/buckets/other/cnames')).json().code).toBe('bucket-out-of-scope');
      const cert = await app.inject({
        method: 'DELETE',
        url: '/buckets/web-site/cnames/www.example.com/certificate',
        headers: { 'x-api-key': key },
      });
      expect(cert.json().code).toBe('action-not-allowed');
    } finally {
      await app.close();
    }
  });

  it('accepts repeated flags and normalises domain patterns', async () => {
    const { code, stdout } = await keys(
      'create',
      '--id=ops',
      '--buckets=a-*',
      '--buckets=b',
      '--domains=*.Bücher.example',
      '--actions=cert:write',
      '--description=rotation 2025',
    );
    expect(code).toBe(0);
    const entry = JSON.parse(stdout.split('\n')[1] ?? '');
    expect(entry).toMatchObject({
      buckets: ['a-*', 'b'],
      domains: ['*.xn--bcher-kva.example'],
      description: 'rotation 2025',
    });
  });

  it.each([
    [['create', '--buckets', 'a', '--domains', '*', '--actions', 'cname:read'], /--id is required/],
    [
      ['create', '--id', 'x', '--domains', '*', '--actions', 'cname:read'],
      /--buckets needs at least one value/,
    ],
    [
      ['create', '--id', 'x', '--buckets', 'a', '--domains', '*', '--actions', 'cname:nuke'],
      /actions are cname:read/,
    ],
    [['create', '--id', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['rotate'], /unknown command "rotate"/],
    [[], /no command given/],
  ])('refuses %j with exit 2 and the usage', async (args, message) => {
    const { code, stdout, stderr } = await keys(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('check exits 1 naming the problem in a bad file', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ keys: [{ id: 'x', hash: 'nope', buckets: [], domains: [], actions: [] }] }),
    );
    const { code, stderr } = await keys('check', file);
    expect(code).toBe(1);
    expect(stderr).toBe(`${file}: keys.0.hash: hash must be "sha256:" and 64 lower-case hex digits\n`);
  });
});
