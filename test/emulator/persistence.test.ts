// --state: tokens, bindings, certificates, DNS records and the clock offset survive a restart; every
// save replaces the file atomically; a corrupt file is refused rather than silently dropped.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDns } from '../../src/dns/query.ts';
import { StateFileError } from '../../src/emulator/index.ts';
import { CAS_ID, KEY_A, startEmulator, TEST_SEED } from './helpers/emulator.ts';
import { bind, tokenFor } from './helpers/lifecycle.ts';
import { closeOssClients, emulatorBucket } from './helpers/oss.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-emulator-state-'));
});
afterAll(async () => {
  await closeOssClients();
  await rm(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('restores tokens, bindings, certificates, DNS records and the clock offset', async () => {
    const statePath = join(dir, 'restart.json');
    const first = await startEmulator({ statePath });
    const ops = emulatorBucket(first.url, 'examplebucket', { credentials: KEY_A });
    await bind(first, ops, 'static.example.com');
    expect((await ops.put('static.example.com', { certId: CAS_ID })).status).toBe(200);
    const pending = await tokenFor(ops, 'pending.example.com');
    await first.setDnsRecord('static.example.com', {
      type: 'CNAME',
      values: ['examplebucket.oss-cn-hangzhou.aliyuncs.com'],
    });
    await first.setClockOffset(30);
    const before = first.state();
    await first.close();

    const second = await startEmulator({ statePath });
    try {
      const after = second.state();
      expect(after.tokens).toEqual(before.tokens);
      expect(after.bindings).toEqual(before.bindings);
      expect(after.dns).toEqual(before.dns);
      expect(after.clockOffsetSeconds).toBe(30);
      const again = emulatorBucket(second.url, 'examplebucket', {
        credentials: KEY_A,
        clock: () => second.now(),
      });
      const list = await again.list();
      expect(list.cnames[0]?.certificate?.certId).toBe(CAS_ID);
      expect((await again.getToken('pending.example.com')).token).toBe(pending);
      const cname = await queryDns('static.example.com', 'CNAME', { server: second.dns });
      expect(cname.answers[0]?.data).toBe('examplebucket.oss-cn-hangzhou.aliyuncs.com');
    } finally {
      await second.close();
    }
  });

  it('always holds a complete JSON document and leaves no temporary files', async () => {
    const statePath = join(dir, 'atomic.json');
    const emulator = await startEmulator({ statePath });
    try {
      const ops = emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A });
      await Promise.all(Array.from({ length: 20 }, (_, i) => ops.createToken(`d${i}.example.com`)));
      const saved = JSON.parse(await readFile(statePath, 'utf8')) as { dynamic: { tokens: unknown[] } };
      expect(saved.dynamic.tokens).toHaveLength(20);
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('drops records of buckets the new seed no longer has', async () => {
    const statePath = join(dir, 'reseeded.json');
    const first = await startEmulator({ statePath });
    await bind(first, emulatorBucket(first.url, 'otherbucket', { credentials: KEY_A }), 'other.example.com');
    await first.close();
    const seed = { ...TEST_SEED, buckets: TEST_SEED.buckets.filter((b) => b.name !== 'otherbucket') };
    const second = await startEmulator({ statePath, seed });
    try {
      expect(second.state().bindings).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a state path it cannot write at start-up', async () => {
    await expect(startEmulator({ statePath: join(dir, 'missing-dir', 'state.json') })).rejects.toBeInstanceOf(
      StateFileError,
    );
  });

  it.each([
    ['not JSON', '{"version":'],
    ['not a state', '{"version":2}'],
  ])('refuses a file that is %s', async (_, contents) => {
    const statePath = join(dir, 'broken.json');
    await writeFile(statePath, contents);
    await expect(startEmulator({ statePath })).rejects.toBeInstanceOf(StateFileError);
  });
});
