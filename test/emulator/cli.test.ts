// The standalone contract: one stdout line once listening, clean exit on signals, usage and exit 2 on
// bad arguments, seed and state files, and a state file that survives SIGKILL.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDns } from '../../src/dns/query.ts';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET } from '../../src/emulator/index.ts';
import { LISTENING, portsOf, runCli } from './helpers/cli.ts';
import { closeOssClients, emulatorBucket, statusOf } from './helpers/oss.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-emulator-cli-'));
});
afterAll(async () => {
  await closeOssClients();
  await rm(dir, { recursive: true, force: true });
});

const seed = {
  accounts: [{ id: '1000000000000001', accessKeys: [{ id: 'AK', secret: 'SK' }] }],
  buckets: [{ name: 'examplebucket', region: 'cn-hangzhou', owner: '1000000000000001' }],
  casCertificates: [],
};

describe('emulator CLI', () => {
  it('prints exactly one line once it accepts requests and exits 0 on SIGTERM', async () => {
    const run = runCli(['--port', '0', '--host', '127.0.0.1']);
    const line = await run.firstLine;
    expect(line).toMatch(LISTENING);
    const { http, dns } = portsOf(line);
    const ops = emulatorBucket(`http://127.0.0.1:${http}`, 'examplebucket', {
      credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET },
    });
    expect((await ops.list()).status).toBe(200);
    expect((await queryDns('example.com', 'SOA', { server: { host: '127.0.0.1', port: dns } })).rcode).toBe(
      'NOERROR',
    );
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${line}\n`);
  });

  it('exits 0 on SIGINT too', async () => {
    const run = runCli(['--port', '0']);
    await run.firstLine;
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  it.each([
    ['a non-numeric port', ['--port', 'abc']],
    ['a port out of range', ['--port', '70000']],
    ['an unknown option', ['--port', '0', '--verbose']],
    ['a missing port', []],
    ['a positional argument', ['--port', '0', 'extra']],
  ])('prints usage and exits 2 for %s', async (_, args) => {
    const run = runCli(args);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain('usage: node src/emulator/cli.ts --port');
    expect(run.stdout()).toBe('');
  });

  it('uses a seed file, and rejects an invalid one with exit 2 naming the problem', async () => {
    const good = join(dir, 'seed.json');
    await writeFile(good, JSON.stringify(seed));
    const run = runCli(['--port', '0', '--seed', good]);
    const { http } = portsOf(await run.firstLine);
    const ops = emulatorBucket(`http://127.0.0.1:${http}`, 'examplebucket', {
      credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' },
    });
    expect((await ops.list()).status).toBe(200);
    run.child.kill('SIGTERM');
    await run.exited;

    const bad = join(dir, 'bad-seed.json');
    await writeFile(
      bad,
      JSON.stringify({
        ...seed,
        buckets: [{ name: 'examplebucket', region: 'oss-cn-hangzhou', owner: '1' }],
      }),
    );
    const failed = runCli(['--port', '0', '--seed', bad]);
    expect((await failed.exited).code).toBe(2);
    expect(failed.stderr()).toContain('buckets[0].region');
    expect(failed.stderr()).toContain('buckets[0].owner');
  });

  it('keeps every acknowledged change in the state file across SIGKILL', async () => {
    const statePath = join(dir, 'state.json');
    const seedPath = join(dir, 'seed-state.json');
    await writeFile(seedPath, JSON.stringify(seed));
    const first = runCli(['--port', '0', '--seed', seedPath, '--state', statePath]);
    const { http } = portsOf(await first.firstLine);
    const base = `http://127.0.0.1:${http}`;
    const ops = emulatorBucket(base, 'examplebucket', {
      credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' },
    });
    // Tokens are created concurrently, so the kill lands while saves are in flight.
    const acknowledged: string[] = [];
    const creations = Array.from({ length: 40 }, (_, i) =>
      ops.createToken(`d${i}.example.com`).then(
        (answer) => {
          if (answer.status === 200) acknowledged.push(`d${i}.example.com`);
        },
        () => {},
      ),
    );
    await Promise.race(creations);
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(creations);
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = runCli(['--port', '0', '--seed', seedPath, '--state', statePath]);
    const restarted = portsOf(await second.firstLine);
    const again = emulatorBucket(`http://127.0.0.1:${restarted.http}`, 'examplebucket', {
      credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' },
    });
    for (const domain of acknowledged) expect(await statusOf(again.getToken(domain)), domain).toBe(200);
    // A save cut short by the kill leaves a temporary file; the restart removes it.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await again.list()).cnames).toEqual([]);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('refuses a corrupt state file with exit 2', async () => {
    const statePath = join(dir, 'corrupt.json');
    await writeFile(statePath, '{"version":1,"clockOff');
    const run = runCli(['--port', '0', '--state', statePath]);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain('corrupt.json');
  });
});
