// The key file, the key store and reloading: only digests stored, all-or-nothing loading, and a broken
// file on reload keeping the keys in force.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, digestApiKey, generateApiKey, hashApiKey } from '../../src/auth/api-key.ts';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { KeyFileError, parseKeyFile } from '../../src/auth/key-file.ts';
import { ApiKeyRing } from '../../src/auth/key-ring.ts';
import { KeyStore } from '../../src/auth/key-store.ts';

function entry(id: string, key: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    hash: hashApiKey(key),
    buckets: ['web-*'],
    domains: ['*.example.com'],
    actions: ['cname:read'],
    ...extra,
  };
}

const file = (...entries: unknown[]) => JSON.stringify({ keys: entries });

describe('API keys', () => {
  it('are 256 random bits behind a recognisable prefix', () => {
    const a = generateApiKey();
    expect(a.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(generateApiKey()).not.toBe(a);
    expect(hashApiKey(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('createAllScopesKeyFileEntry', () => {
  it('gives a key and a key-file entry granting it every scope', () => {
    const { key, entry: written } = createAllScopesKeyFileEntry('tool');
    const [parsed] = parseKeyFile(file(written), 'k.json');
    expect(parsed?.id).toBe('tool');
    expect(parsed?.digest.equals(digestApiKey(key))).toBe(true);
    expect(parsed?.scopes).toEqual({
      buckets: ['*'],
      domains: ['*'],
      actions: ['cname:read', 'cname:write', 'cert:write', 'audit:read', 'webhooks:manage'],
    });
  });
});

describe('parseKeyFile', () => {
  it('reads entries with normalised scopes', () => {
    const key = generateApiKey();
    const [parsed] = parseKeyFile(
      file(entry('web', key, { domains: ['*.Example.COM', 'example.com.'] })),
      'k.json',
    );
    expect(parsed?.id).toBe('web');
    expect(parsed?.scopes).toEqual({
      buckets: ['web-*'],
      domains: ['*.example.com', 'example.com'],
      actions: ['cname:read'],
    });
  });

  it.each([
    ['not JSON', '{', /k\.json: not valid JSON/],
    ['no keys array', '{"key": []}', /k\.json: keys: /],
    [
      'an unknown action',
      file(entry('a', 'x', { actions: ['cname:delete'] })),
      /keys\.0\.actions\.0: actions are/,
    ],
    [
      'a plain key instead of a hash',
      file({ ...entry('a', 'x'), hash: 'ocsk_abc' }),
      /keys\.0\.hash: hash must be/,
    ],
    ['a bad id', file(entry('has space', 'x')), /keys\.0\.id: id must be/],
    [
      'a bad domain pattern',
      file(entry('a', 'x', { domains: ['*.*.com'] })),
      /keys\.0\.domains: domain pattern/,
    ],
    ['duplicate ids', file(entry('a', 'x'), entry('a', 'y')), /keys\.1\.id: duplicate id "a"/],
    [
      'the same key twice',
      file(entry('a', 'x'), entry('b', 'x')),
      /keys\.1\.hash: same key as another entry/,
    ],
  ])('rejects the whole file for %s', (_what, text, message) => {
    expect(() => parseKeyFile(text, 'k.json')).toThrow(KeyFileError);
    expect(() => parseKeyFile(text, 'k.json')).toThrow(message);
  });
});

describe('KeyStore.authenticate', () => {
  const keys = [generateApiKey(), generateApiKey(), generateApiKey()];
  const store = new KeyStore(parseKeyFile(file(...keys.map((k, i) => entry(`k${i}`, k))), 'k.json'));

  it('finds the first, middle and last key', () => {
    expect(keys.map((k) => store.authenticate(k)?.keyId)).toEqual(['k0', 'k1', 'k2']);
  });

  it('refuses near misses, empty and oversized input', () => {
    const first = keys[0] as string;
    expect(store.authenticate(`${first.slice(0, -1)}${first.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(store.authenticate(`${first} `)).toBeUndefined();
    expect(store.authenticate('')).toBeUndefined();
    expect(store.authenticate('x'.repeat(10_000))).toBeUndefined();
  });
});

describe('ApiKeyRing.reload', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('swaps in a valid file and keeps the old keys when the new file is broken', async () => {
    const path = join(dir, 'keys.json');
    const [oldKey, newKey] = [generateApiKey(), generateApiKey()];
    await writeFile(path, file(entry('old', oldKey)));
    const ring = ApiKeyRing.fromFile(path);
    expect(ring.authenticate(oldKey)?.keyId).toBe('old');

    await writeFile(path, file(entry('new', newKey)));
    expect(await ring.reload()).toEqual({ ok: true, keys: 1 });
    expect(ring.authenticate(newKey)?.keyId).toBe('new');
    expect(ring.authenticate(oldKey)).toBeUndefined();

    await writeFile(path, '{"keys": [ {"id": "half-written"');
    const broken = await ring.reload();
    expect(broken.ok).toBe(false);
    expect(broken).toMatchObject({ keys: 1, error: expect.stringContaining('not valid JSON') });
    expect(ring.authenticate(newKey)?.keyId).toBe('new');

    await rm(path);
    expect(await ring.reload()).toMatchObject({ ok: false, error: expect.stringContaining('ENOENT') });
    expect(ring.authenticate(newKey)?.keyId).toBe('new');
  });

  it('fails start-up on a broken file with a message naming it', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, file(entry('a', 'x', { buckets: ['Bad Bucket'] })));
    expect(() => ApiKeyRing.fromFile(path)).toThrow(`${path}: keys.0.buckets: bucket pattern "Bad Bucket"`);
    expect(() => ApiKeyRing.fromFile(join(dir, 'missing.json'))).toThrow(/cannot read \(ENOENT\)/);
  });
});
