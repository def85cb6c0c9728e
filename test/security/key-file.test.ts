// An operator's slip in the key file must not pass silently (issue 19, F12): fields the service does not
// honour (`revoked`, `expiresAt`) are refused rather than ignored, and a reload to zero keys, which would
// lock out every caller, keeps the keys in force.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.ts';
import { KeyFileError, parseKeyFile } from '../../src/auth/key-file.ts';
import { ApiKeyRing } from '../../src/auth/key-ring.ts';

function entry(id: string, key: string, extra: Record<string, unknown> = {}) {
  return { id, hash: hashApiKey(key), buckets: ['*'], domains: ['*'], actions: ['cname:read'], ...extra };
}

const file = (...entries: unknown[]) => JSON.stringify({ keys: entries });

describe('key file fields', () => {
  it.each([
    ['revoked', { revoked: true }],
    ['expiresAt', { expiresAt: '2020-01-01T00:00:00Z' }],
    ['disabled', { disabled: true }],
  ])('refuses an entry with %s instead of ignoring it', (field, extra) => {
    const text = file(entry('a', generateApiKey(), extra));
    expect(() => parseKeyFile(text, 'k.json')).toThrow(KeyFileError);
    expect(() => parseKeyFile(text, 'k.json')).toThrow(
      new RegExp(`keys\\.0: unknown field "${field}".*delete its entry`),
    );
  });

  it('refuses unknown top-level fields', () => {
    expect(() => parseKeyFile(JSON.stringify({ keys: [], revoked: ['a'] }), 'k.json')).toThrow(
      /k\.json: file: unknown field "revoked"/,
    );
  });

  it('still reads the fields the CLI writes', () => {
    const text = file(entry('a', generateApiKey(), { createdAt: '2026-01-01T00:00:00Z', description: 'ci' }));
    expect(parseKeyFile(text, 'k.json')).toHaveLength(1);
  });
});

describe('reloading to zero keys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is refused, and the keys in force stay', async () => {
    const path = join(dir, 'keys.json');
    const key = generateApiKey();
    await writeFile(path, file(entry('live', key)));
    const ring = ApiKeyRing.fromFile(path);
    await writeFile(path, file());
    expect(await ring.reload()).toEqual({
      ok: false,
      keys: 1,
      error: `${path}: holds no keys; refusing to lock out every caller`,
    });
    expect(ring.authenticate(key)?.keyId).toBe('live');
  });

  it('is allowed at start-up, where the app warns', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, file());
    const ring = ApiKeyRing.fromFile(path);
    expect(ring.size).toBe(0);
    expect(await ring.reload()).toEqual({ ok: true, keys: 0 });
  });
});
