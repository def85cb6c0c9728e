// `npm start` without OSS credentials: the embedded emulator starts, a banner says so, a development key
// with every scope is printed once on its own stdout line, and the whole flow works against it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.ts';
import { EPHEMERAL, type ServiceProcess, startService } from './helpers/process.ts';

let service: ServiceProcess | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

describe('emulator mode', () => {
  it('announces itself, prints a development key once, and serves the API with it', async () => {
    service = startService({ ...EPHEMERAL });
    const keyLine = await service.waitFor((l) => l.startsWith('Development API key: '));
    const key = keyLine.slice('Development API key: '.length);
    expect(key).toMatch(/^ocsk_[A-Za-z0-9_-]{43}$/);
    expect(service.stdout.filter((l) => l.includes(key))).toEqual([keyLine]);
    await service.waitFor('EMULATOR MODE', 'stderr');
    const started = await service.waitForLog('service started');
    expect(started).toMatchObject({
      mode: 'emulator',
      ossEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    const base = String(started.url);
    // Debian's pebble is installed by scripts/test-setup.sh: emulator mode issues from it.
    const acmeLine = await service.waitFor((l) => l.includes('"msg":"Managed certificates'));
    expect((JSON.parse(acmeLine) as { msg: string }).msg).toMatch(
      /^Managed certificates: ACME Pebble at https:\/\/127\.0\.0\.1:\d+\/dir, challenges in acme\.example\.net\.$/,
    );

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const token = await fetch(`${base}/buckets/examplebucket/cname-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'www.example.com' }),
    });
    expect(token.status).toBe(201);
    const list = await fetch(`${base}/buckets/examplebucket/cnames`, { headers: { 'x-api-key': key } });
    expect(list.status).toBe(200);

    service.child.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    // The key appears on its line and nowhere else in the output.
    expect(service.output().split(key).length - 1).toBe(1);
  });

  it('uses the seed named by EMULATOR_SEED and no development key when API_KEYS_FILE is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-'));
    try {
      const seed = {
        accounts: [{ id: '2000000000000002', accessKeys: [{ id: 'LTAIseedkey', secret: 'seed-secret' }] }],
        buckets: [{ name: 'seeded-bucket', region: 'cn-shanghai', owner: '2000000000000002' }],
      };
      await writeFile(join(dir, 'seed.json'), JSON.stringify(seed));
      const key = generateApiKey();
      const entry = {
        id: 'ops',
        hash: hashApiKey(key),
        buckets: ['seeded-*'],
        domains: ['*'],
        actions: ['cname:read'],
      };
      await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [entry] }));
      service = startService({
        ...EPHEMERAL,
        EMULATOR_SEED: join(dir, 'seed.json'),
        API_KEYS_FILE: join(dir, 'keys.json'),
      });
      const base = await service.url();
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      // Signed with the seed's key, in the seed bucket's region.
      const list = await fetch(`${base}/buckets/seeded-bucket/cnames`, { headers: { 'x-api-key': key } });
      expect(list.status).toBe(200);
      expect(service.stdout.some((l) => l.startsWith('Development API key'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('signals right after start-up', () => {
  // Supervisors signal as soon as they see the ready line; the handlers must already be installed then,
  // or the process dies by the signal instead of draining and exiting 0.
  it('exits 0 on a SIGTERM sent the moment the development key is printed', async () => {
    for (let i = 0; i < 3; i++) {
      service = startService({ ...EPHEMERAL });
      await service.waitFor((l) => l.startsWith('Development API key: '));
      service.child.kill('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
      service = undefined;
    }
  });
});
