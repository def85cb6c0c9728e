import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  challengeCname,
  createPrivateKey,
  memoryAccountStore,
  openAccount,
  runOrder,
  startEmulatorAcme,
  startOrder,
} from '../../src/acme/index.ts';
import type { AcmeConfig } from '../../src/acme/settings.ts';
import { loadConfig } from '../../src/config.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import { LABEL_SECRET } from './fixture.ts';
import { zoneChallengeRecords } from './zone-challenge-records.ts';

function acmeConfig(env: Record<string, string> = {}): AcmeConfig {
  const loaded = loadConfig({ NODE_ENV: 'test', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.config;
}

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(() => dns?.close());

describe('emulator mode certificates', () => {
  it('start Pebble on the emulator DNS and issue from it, in the seed zone by default', async () => {
    const started = await startEmulatorAcme({
      config: acmeConfig(),
      dnsServer: dns.address,
      defaultZone: 'acme.example.net',
    });
    if (started === undefined) throw new Error('pebble should be installed (scripts/test-setup.sh)');
    try {
      expect(started.settings.dnsZone).toBe('acme.example.net');
      expect(started.settings.directoryUrl).toBe(started.pebble?.directoryUrl);
      const account = await openAccount(started.settings, memoryAccountStore());
      const ctx = {
        account,
        records: zoneChallengeRecords(dns.store, 'acme.example.net'),
        labelSecret: LABEL_SECRET,
        precheck: { resolvers: [dns.address] },
        pollIntervalMs: 50,
      };
      const domain = 'demo.example.com';
      const cname = challengeCname(domain, LABEL_SECRET, 'acme.example.net');
      dns.store.set(cname.name, { type: 'CNAME', ttl: 60, values: [cname.value] });
      const { certificate } = await runOrder(ctx, await startOrder(ctx, [domain]), await createPrivateKey());
      expect(certificate.certificatePem).toContain('BEGIN CERTIFICATE');
    } finally {
      await started.close();
    }
  });

  it('are off without pebble, and use a configured directory as is', async () => {
    const base = { dnsServer: dns.address, defaultZone: 'z.test' };
    expect(
      await startEmulatorAcme({ ...base, config: acmeConfig(), findBinary: () => undefined }),
    ).toBeUndefined();
    const configured = await startEmulatorAcme({
      ...base,
      config: acmeConfig({ ACME_DIRECTORY_URL: 'https://acme.test/dir', ACME_DNS_ZONE: 'acme.example.org' }),
    });
    expect(configured?.pebble).toBeUndefined();
    expect(configured?.settings).toMatchObject({
      directoryUrl: 'https://acme.test/dir',
      dnsZone: 'acme.example.org',
    });
  });
});
