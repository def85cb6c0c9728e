import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acmeSettings, LETS_ENCRYPT_DIRECTORY } from '../../src/acme/settings.ts';
import { loadConfig } from '../../src/config.ts';

function load(env: Record<string, string>) {
  return loadConfig({ NODE_ENV: 'test', ...env });
}

describe('ACME settings', () => {
  it("default to Let's Encrypt, ec256, and need a challenge zone", () => {
    const loaded = load({ ACME_DNS_ZONE: 'acme.example.net' });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    expect(acmeSettings(loaded.config)).toEqual({
      directoryUrl: LETS_ENCRYPT_DIRECTORY,
      caPem: undefined,
      email: undefined,
      eab: undefined,
      dnsZone: 'acme.example.net',
      keyType: 'ec256',
    });
    const noZone = load({});
    if (!noZone.ok) throw new Error(noZone.errors.join('; '));
    expect(() => acmeSettings(noZone.config)).toThrow(/ACME_DNS_ZONE|zone/);
  });

  it('read every ACME_* variable, the CA from its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acme-ca-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const loaded = load({
      ACME_DIRECTORY_URL: 'https://acme.test/dir',
      ACME_CA_FILE: caFile,
      ACME_EMAIL: 'ops@example.com',
      ACME_EAB_KID: 'kid-1',
      ACME_EAB_HMAC_KEY: 'c2VjcmV0LWtleQ',
      ACME_DNS_ZONE: 'acme.example.net',
      ACME_KEY_TYPE: 'RSA2048',
    });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const settings = acmeSettings(loaded.config);
    expect(settings).toMatchObject({
      directoryUrl: 'https://acme.test/dir',
      email: 'ops@example.com',
      eab: { kid: 'kid-1', hmacKey: 'c2VjcmV0LWtleQ' },
      keyType: 'rsa2048',
    });
    expect(settings.caPem).toContain('BEGIN CERTIFICATE');
  });

  it('refuse bad values and half an EAB pair, never echoing the HMAC key', () => {
    const loaded = load({
      ACME_EMAIL: 'not-an-address',
      ACME_KEY_TYPE: 'ed25519',
      ACME_EAB_HMAC_KEY: 'super$secret',
      ACME_DNS_ZONE: 'not a zone',
    });
    expect(loaded.ok).toBe(false);
    const errors = loaded.ok ? [] : loaded.errors;
    expect(errors.join('\n')).toMatch(/ACME_EMAIL/);
    expect(errors.join('\n')).toMatch(/ACME_KEY_TYPE/);
    expect(errors.join('\n')).toMatch(/ACME_DNS_ZONE/);
    expect(errors.join('\n')).toMatch(/ACME_EAB_HMAC_KEY/);
    expect(errors.join('\n')).not.toContain('super$secret');
    const half = load({ ACME_EAB_KID: 'kid-1' });
    expect(half.ok ? [] : half.errors).toContain(
      'ACME_EAB_KID: external account binding needs both ACME_EAB_KID and ACME_EAB_HMAC_KEY',
    );
  });
});
