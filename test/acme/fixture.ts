import { zoneChallengeRecords } from './zone-challenge-records.ts';
// A real ACME setup for the tests: the project's authoritative DNS server (challenge zone and customer
// zones in one store, as in the emulator) and Debian's Pebble resolving through it.

import { X509Certificate } from 'node:crypto';
import {
  type AcmeKeyType,
  type AcmeSettings,
  challengeCname,
  memoryAccountStore,
  type OrderContext,
  openAccount,
} from '../../src/acme/index.ts';
import { type Pebble, type PebbleOptions, startPebble } from '../../src/acme/pebble/index.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';

export const ZONE = 'acme.example.net';
export const LABEL_SECRET = 'test-label-secret';

export interface AcmeFixture {
  dns: DnsServer;
  pebble: Pebble;
  settings(overrides?: Partial<AcmeSettings>): AcmeSettings;
  context(opts?: {
    keyType?: AcmeKeyType;
    store?: ReturnType<typeof memoryAccountStore>;
  }): Promise<OrderContext>;
  /** Adds the customer's `_acme-challenge` CNAME for domain, pointing where the service says. */
  delegate(domain: string, target?: string): void;
  close(): Promise<void>;
}

export async function startAcmeFixture(
  pebbleOptions: Omit<PebbleOptions, 'dnsServer'> = {},
): Promise<AcmeFixture> {
  const dns = await startDnsServer();
  let pebble: Pebble;
  try {
    pebble = await startPebble({ dnsServer: dns.address, ...pebbleOptions });
  } catch (error) {
    await dns.close();
    throw error;
  }
  const settings = (overrides: Partial<AcmeSettings> = {}): AcmeSettings => ({
    directoryUrl: pebble.directoryUrl,
    caPem: pebble.tlsCaPem,
    dnsZone: ZONE,
    email: 'ops@example.com',
    ...overrides,
  });
  return {
    dns,
    pebble,
    settings,
    async context(opts = {}) {
      const account = await openAccount(
        settings({ keyType: opts.keyType }),
        opts.store ?? memoryAccountStore(),
      );
      return {
        account,
        records: zoneChallengeRecords(dns.store, ZONE),
        labelSecret: LABEL_SECRET,
        precheck: { resolvers: [dns.address], timeoutMs: 1_000 },
        pollIntervalMs: 50,
      };
    },
    delegate(domain, target) {
      const cname = challengeCname(domain, LABEL_SECRET, ZONE);
      dns.store.set(cname.name, { type: 'CNAME', ttl: 60, values: [target ?? cname.value] });
    },
    async close() {
      await pebble.close();
      await dns.close();
    },
  };
}

/** Checks that the chain's leaf was signed by its intermediate and that one by Pebble's root. */
export function verifyChain(chainPem: string, rootPem: string): X509Certificate {
  const certs = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const [leaf, ...rest] = certs.map((pem) => new X509Certificate(pem));
  if (leaf === undefined) throw new Error('no certificate in the chain');
  const chain = [leaf, ...rest, new X509Certificate(rootPem)];
  for (let i = 0; i + 1 < chain.length; i++) {
    const [child, parent] = [chain[i] as X509Certificate, chain[i + 1] as X509Certificate];
    if (!child.verify(parent.publicKey)) throw new Error(`certificate ${i} is not signed by the next one`);
  }
  return leaf;
}
