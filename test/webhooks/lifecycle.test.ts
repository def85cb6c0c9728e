// SECRETS_KEY as operators meet it, through `node src/main.ts`: emulator mode keeps a generated key in
// DATA_DIR (0600) so subscriptions survive a restart; a production start with sealed secrets stored and
// no SECRETS_KEY (or another one) refuses with one line naming the setting.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { SECRETS_KEY_FILE } from '../../src/secrets/index.ts';
import { EPHEMERAL, startService } from '../service/helpers/process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'webhooks-lifecycle-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = { ...EPHEMERAL, DATA_DIR: dataDir, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' };

async function startEmulatorMode() {
  const service = startService(env);
  const url = await service.url();
  const key = (await service.waitFor('Development API key: ')).split(': ')[1] ?? '';
  return { service, url, headers: { authorization: `Bearer ${key}` } };
}

it('keeps the emulator key in DATA_DIR, and production refuses to start without SECRETS_KEY once secrets are stored', async () => {
  const first = await startEmulatorMode();
  let id = '';
  try {
    const res = await fetch(`${first.url}/webhooks`, {
      method: 'POST',
      headers: { ...first.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', events: ['domain.ready'], buckets: ['*'] }),
    });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { id: string }).id;
    expect(statSync(join(dataDir, SECRETS_KEY_FILE)).mode & 0o777).toBe(0o600);
  } finally {
    await first.service.stop();
  }

  const again = await startEmulatorMode();
  try {
    const res = await fetch(`${again.url}/webhooks/${id}/rotate-secret`, {
      method: 'POST',
      headers: again.headers,
    });
    expect(res.status).toBe(200);
  } finally {
    await again.service.stop();
  }

  const keysFile = join(dataDir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [createAllScopesKeyFileEntry('ops').entry] }));
  const production = {
    API_KEYS_FILE: keysFile,
    ...env,
    NODE_ENV: 'production',
    OSS_ACCESS_KEY_ID: 'LTAI5tLifecycleProbe',
    OSS_ACCESS_KEY_SECRET: 'lifecycle-probe-secret',
  };
  for (const [extra, expected] of [
    [{}, /^Configuration error: SECRETS_KEY: is required/],
    [
      { SECRETS_KEY: randomBytes(32).toString('base64') },
      /^Configuration error: SECRETS_KEY: is key \w+, but stored secrets were sealed with key \w+/,
    ],
  ] as const) {
    const refused = startService({ ...production, ...extra });
    const { code } = await refused.exited;
    expect(code, refused.output()).toBe(1);
    expect(refused.stderr.at(-1)).toMatch(expected);
    await refused.stop();
  }
  // With the key they were sealed with (here the emulator's, moved into SECRETS_KEY) it starts.
  const sealedWith = readFileSync(join(dataDir, SECRETS_KEY_FILE), 'utf8').trim();
  const started = startService({ ...production, SECRETS_KEY: sealedWith });
  try {
    expect(await started.url()).toMatch(/^http:/);
  } finally {
    await started.stop();
  }
}, 60_000);
