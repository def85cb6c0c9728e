import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/config/startup-error.ts';
import {
  assertSecretsKeyPresent,
  createSealer,
  keyIdOf,
  loadSecretsKey,
  parseSecretsKey,
  SECRETS_KEY_FILE,
  SealedSecretError,
  sealedKeyId,
} from '../../src/secrets/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  dirs.push(dir);
  return dir;
}
/** The one-line start-up error a call throws (`SETTING: message`). */
function startupLine(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof StartupError) return error.line;
    throw error;
  }
  return undefined;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sealing', () => {
  const key = randomBytes(32);
  const sealer = createSealer([key]);

  it('seals to a versioned, key-tagged form that opens to the plaintext and never shows it', () => {
    const sealed = sealer.seal('whsec_topsecret', 'webhook:1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('topsecret');
    expect(sealedKeyId(sealed)).toBe(keyIdOf(key));
    expect(sealer.open(sealed, 'webhook:1')).toBe('whsec_topsecret');
    expect(sealer.seal('whsec_topsecret', 'webhook:1')).not.toBe(sealed);
  });

  it('refuses a value moved to another record, tampered with, or sealed with an unknown key', () => {
    const sealed = sealer.seal('secret', 'webhook:1');
    expect(() => sealer.open(sealed, 'webhook:2')).toThrow(SealedSecretError);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => sealer.open(parts.join('.'), 'webhook:1')).toThrow(SealedSecretError);
    expect(() => createSealer([randomBytes(32)]).open(sealed, 'webhook:1')).toThrow(/does not hold/);
    expect(() => sealer.open('plain text')).toThrow(SealedSecretError);
  });

  it('opens values sealed with an older key of the ring, and seals with the first', () => {
    const old = createSealer([key]).seal('x');
    const next = randomBytes(32);
    const ring = createSealer([next, key]);
    expect(ring.open(old)).toBe('x');
    expect(sealedKeyId(ring.seal('y'))).toBe(keyIdOf(next));
  });

  it('needs 32-byte keys', () => {
    expect(() => createSealer([])).toThrow();
    expect(() => createSealer([randomBytes(16)])).toThrow();
  });
});

describe('the secrets key', () => {
  it('reads SECRETS_KEY as 32 bytes of base64, naming the setting when it is wrong', () => {
    const key = randomBytes(32);
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64url'))).toEqual(key);
    for (const bad of ['short', randomBytes(16).toString('base64'), `${key.toString('base64')}!`]) {
      expect(() => parseSecretsKey(bad)).toThrow(StartupError);
    }
    try {
      parseSecretsKey('short');
    } catch (error) {
      expect((error as StartupError).line).toMatch(/^SECRETS_KEY: must be 32 random bytes/);
    }
  });

  it('uses SECRETS_KEY in either mode, and nothing else in production', () => {
    const key = randomBytes(32);
    expect(
      loadSecretsKey({ secretsKey: key.toString('base64'), mode: 'remote', dataDir: undefined }),
    ).toEqual({ key, source: 'SECRETS_KEY' });
    expect(loadSecretsKey({ secretsKey: undefined, mode: 'remote', dataDir: tempDir() })).toBeUndefined();
  });

  it('in emulator mode generates a key once in DATA_DIR with mode 0600 and reuses it after a restart', () => {
    const dir = join(tempDir(), 'data');
    const first = loadSecretsKey({ secretsKey: undefined, mode: 'emulator', dataDir: dir });
    expect(first?.source).toBe('data-dir');
    const path = join(dir, SECRETS_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadSecretsKey({ secretsKey: undefined, mode: 'emulator', dataDir: dir });
    expect(again?.key).toEqual(first?.key);
    expect(readFileSync(path, 'utf8').trim()).toBe(first?.key.toString('base64'));
  });

  it('refuses a damaged key file rather than replacing it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SECRETS_KEY_FILE), 'garbage');
    expect(
      startupLine(() => loadSecretsKey({ secretsKey: undefined, mode: 'emulator', dataDir: dir })),
    ).toMatch(/^DATA_DIR \(.*secrets.key\): must be 32/);
  });

  it('without DATA_DIR the emulator keeps a fresh key in memory', () => {
    expect(loadSecretsKey({ secretsKey: undefined, mode: 'emulator', dataDir: undefined })?.source).toBe(
      'memory',
    );
  });

  it('production refuses to start without the key once something secret is stored, or with another key', () => {
    const key = { key: randomBytes(32), source: 'SECRETS_KEY' as const };
    expect(() => assertSecretsKeyPresent(undefined, [])).not.toThrow();
    expect(startupLine(() => assertSecretsKeyPresent(undefined, ['abcd1234']))).toMatch(
      /^SECRETS_KEY: is required/,
    );
    expect(() => assertSecretsKeyPresent(key, [keyIdOf(key.key)])).not.toThrow();
    expect(startupLine(() => assertSecretsKeyPresent(key, ['00000000']))).toMatch(
      /^SECRETS_KEY: .*sealed with key 00000000/,
    );
  });
});
