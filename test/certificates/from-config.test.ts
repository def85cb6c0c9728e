// The wiring of managed certificates: emulator mode starts Pebble on the emulator's DNS and issues
// through the emulator's Alidns in the seed's zone; without pebble, a zone or a key there is no driver.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEBBLE_HINT } from '../../src/acme/index.ts';
import { certificatesFromConfig } from '../../src/certificates/index.ts';
import { withEmulator } from '../../src/config/emulator-mode.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { migrate, openMemoryStore, type Store } from '../../src/store/index.ts';
import { startAlidnsEmulator, ZONE } from '../alidns/helpers.ts';
import { boundRow, delegate } from './driver-fixture.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

function config(env: Record<string, string> = {}): Config {
  const loaded = loadConfig({ NODE_ENV: 'test', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.config;
}

let emulator: Emulator;
let store: Store;
beforeAll(async () => {
  emulator = await startAlidnsEmulator();
  store = openMemoryStore();
  await migrate(store);
});
afterAll(async () => {
  await store?.close();
  await emulator?.close();
});

const endpoints = () => ({ url: emulator.url, dns: emulator.dns, defaultZone: ZONE });

describe('managed certificates from the configuration', () => {
  it('in emulator mode, start Pebble and issue through the emulator in the seed zone', async () => {
    const wiring = await certificatesFromConfig({
      config: withEmulator(config(), emulator),
      store,
      emulator: endpoints(),
      secretsKey: KEY,
    });
    try {
      expect(wiring.line).toMatch(
        /^Managed certificates: ACME Pebble at https:\/\/127\.0\.0\.1:\d+\/dir, challenges in acme\.example\.net\.$/,
      );
      const driver = wiring.driver;
      if (driver === undefined) throw new Error('no driver');
      expect(driver.challengeRecord('app.example.com').zone).toBe(ZONE);
      await delegate(emulator, driver, 'app.example.com');
      const seen = await driver.advance(boundRow('app.example.com'), 'issue', new Date());
      expect(seen.at(-1)).toMatchObject({ kind: 'certificate', step: 'issued' });
    } finally {
      await wiring.close();
    }
  });

  it('without pebble, say how to enable managed certificates and give no driver', async () => {
    const wiring = await certificatesFromConfig({
      config: withEmulator(config(), emulator),
      store,
      emulator: endpoints(),
      secretsKey: KEY,
      findPebble: () => undefined,
    });
    expect(wiring).toMatchObject({ driver: undefined, line: PEBBLE_HINT });
  });

  it('in remote mode, need ACME_DNS_ZONE and SECRETS_KEY', async () => {
    const remote: Config = { ...config(), OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret' };
    const noZone = await certificatesFromConfig({ config: remote, store, secretsKey: KEY });
    expect(noZone.driver).toBeUndefined();
    expect(noZone.line).toContain('ACME_DNS_ZONE');
    const noKey = await certificatesFromConfig({
      config: { ...remote, ACME_DNS_ZONE: 'acme.example.net' },
      store,
      secretsKey: undefined,
    });
    expect(noKey.driver).toBeUndefined();
    expect(noKey.line).toContain('SECRETS_KEY');
  });
});
