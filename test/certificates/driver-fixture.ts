// A real managed-certificate setup: the emulator answering Alidns and DNS, Debian's Pebble resolving
// through that DNS, and ACME drivers writing challenges through the emulator's Alidns.

import { randomBytes } from 'node:crypto';
import { type Pebble, startPebble } from '../../src/acme/pebble/index.ts';
import type { CertificateDriver } from '../../src/certificates/index.ts';
import { alidnsChallengeRecords, createAcmeDriver } from '../../src/certificates/index.ts';
import { type DomainRow, newDomainRow } from '../../src/domains/index.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { createSealer } from '../../src/secrets/index.ts';
import { migrate, openMemoryStore, type Store } from '../../src/store/index.ts';
import { alidnsClient, startAlidnsEmulator, ZONE } from '../alidns/helpers.ts';

export { ZONE };
export const sealer = createSealer([randomBytes(32)]);

export interface DriverFixture {
  emulator: Emulator;
  pebble: Pebble;
  driver(store: Store, extra?: Partial<Parameters<typeof createAcmeDriver>[0]>): Promise<CertificateDriver>;
  memoryStore(): Promise<Store>;
  close(): Promise<void>;
}

export async function startDriverFixture(
  opts: { certificateValidityPeriod?: number; nonceReject?: number } = {},
) {
  const emulator = await startAlidnsEmulator();
  const pebble = await startPebble({ dnsServer: emulator.dns, ...opts }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  const client = alidnsClient(emulator);
  const stores: Store[] = [];
  const fixture: DriverFixture = {
    emulator,
    pebble,
    driver: (store, extra = {}) =>
      createAcmeDriver({
        settings: { directoryUrl: pebble.directoryUrl, caPem: pebble.tlsCaPem, dnsZone: ZONE },
        store,
        sealer,
        records: alidnsChallengeRecords(client, ZONE, { ttl: 60 }),
        resolvers: [emulator.dns],
        pollIntervalMs: 50,
        ...extra,
      }),
    async memoryStore() {
      const store = openMemoryStore();
      await migrate(store);
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores) await store.close();
      await client.close();
      await pebble.close();
      await emulator.close();
    },
  };
  return fixture;
}

/** A bound managed domain, as the reconciler hands it over. */
export function boundRow(domain: string, bucket = 'photos'): DomainRow {
  return { ...newDomainRow({ bucket, domain, certificateMode: 'managed' }, new Date()), status: 'bound' };
}

/** Publishes the customer's `_acme-challenge` CNAME in the emulator's DNS. */
export function delegate(emulator: Emulator, driver: CertificateDriver, domain: string): Promise<void> {
  const { name, value } = driver.challengeRecord(domain);
  return emulator.setDnsRecord(name, { type: 'CNAME', values: [value] });
}
