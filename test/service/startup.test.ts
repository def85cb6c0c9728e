// Start-up as operators meet it: bad settings give one line per variable on stderr and exit 1 without a
// stack; production without OSS credentials refuses to start; a broken key file or a busy port is named.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, startService } from './helpers/process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'startup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function refusal(env: Record<string, string>) {
  const service = startService(env);
  const { code } = await service.exited;
  return { code, stderr: service.stderr, stdout: service.stdout };
}

describe('start-up errors', () => {
  it('lists every bad variable on its own line and exits 1 without a stack', async () => {
    const { code, stderr, stdout } = await refusal({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      OSS_ACCESS_KEY_SECRET: 'do-not-print-me',
      SHUTDOWN_GRACE_MS: '-5',
    });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'Configuration error: PORT: must be a whole number from 0 to 65535 (got "eighty")',
      'Configuration error: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'Configuration error: SHUTDOWN_GRACE_MS: must be a whole number from 100 to 600000 (got "-5")',
    ]);
    expect(stdout).toEqual([]);
  });

  it('refuses production without OSS credentials', async () => {
    const { code, stderr } = await refusal({ ...EPHEMERAL, NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      'Configuration error: OSS_ACCESS_KEY_ID: required when NODE_ENV=production; the embedded OSS emulator is for development only',
    ]);
  });

  it('names a broken API key file', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, '{"keys": [{"id": "x"}]}');
    const { code, stderr } = await refusal({ ...EPHEMERAL, API_KEYS_FILE: path });
    expect(code).toBe(1);
    expect(stderr.at(-1)).toMatch(
      new RegExp(`^Configuration error: API_KEYS_FILE: ${path}: keys\\.0\\.hash: `),
    );
    expect(stderr.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('names a seed file that cannot be read', async () => {
    const { code, stderr } = await refusal({ ...EPHEMERAL, EMULATOR_SEED: join(dir, 'missing-seed.json') });
    expect(code).toBe(1);
    expect(stderr).toEqual([
      `Configuration error: EMULATOR_SEED: ${join(dir, 'missing-seed.json')}: cannot read (ENOENT)`,
    ]);
  });

  it('names the port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await refusal({ ...EPHEMERAL, PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr.at(-1)).toBe(`Configuration error: PORT: port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
