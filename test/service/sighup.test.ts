// Key rotation without a restart: SIGHUP re-reads API_KEYS_FILE; a broken file keeps the old keys and
// logs an error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.ts';
import { EPHEMERAL, type ServiceProcess, startService } from './helpers/process.ts';

const entry = (id: string, key: string) => ({
  id,
  hash: hashApiKey(key),
  buckets: ['examplebucket'],
  domains: ['*'],
  actions: ['cname:read'],
});

let dir: string;
let service: ServiceProcess;
let base: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sighup-'));
  file = join(dir, 'keys.json');
});
afterAll(async () => {
  await service?.stop();
  await rm(dir, { recursive: true, force: true });
});

const statusWith = async (key: string) =>
  (await fetch(`${base}/buckets/examplebucket/cnames`, { headers: { authorization: `Bearer ${key}` } }))
    .status;

/** Sends SIGHUP and waits for the outcome line of that reload (counted, so earlier lines do not match). */
async function reload(): Promise<Record<string, unknown>> {
  const before = service.stdout.length;
  service.child.kill('SIGHUP');
  const line = await service.waitFor((l) => {
    if (!l.startsWith('{')) return false;
    const msg = (JSON.parse(l) as { msg?: string }).msg ?? '';
    return msg.startsWith('API key') && service.stdout.indexOf(l) >= before;
  });
  return JSON.parse(line) as Record<string, unknown>;
}

describe('SIGHUP', () => {
  it('rotates keys without a restart and keeps them when the new file is broken', async () => {
    const [oldKey, newKey] = [generateApiKey(), generateApiKey()];
    await writeFile(file, JSON.stringify({ keys: [entry('old', oldKey)] }));
    service = startService({ ...EPHEMERAL, API_KEYS_FILE: file });
    base = await service.url();
    expect(await statusWith(oldKey)).toBe(200);
    expect(await statusWith(newKey)).toBe(401);

    await writeFile(file, JSON.stringify({ keys: [entry('new', newKey)] }));
    expect(await reload()).toMatchObject({ level: 'info', msg: 'API keys reloaded', keys: 1 });
    expect(await statusWith(newKey)).toBe(200);
    expect(await statusWith(oldKey)).toBe(401);

    await writeFile(file, '{"keys": [');
    const failed = await reload();
    expect(failed).toMatchObject({
      level: 'error',
      msg: 'API key reload failed; keeping the previous keys',
      keys: 1,
    });
    expect(String(failed.error)).toContain('not valid JSON');
    expect(await statusWith(newKey)).toBe(200);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('api_key_reloads_total{result="success"} 1');
    expect(metrics).toContain('api_key_reloads_total{result="failure"} 1');
  });
});
