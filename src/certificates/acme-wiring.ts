// The ACME side of managed certificates, once from-config.ts found them configured: the directory (in
// emulator mode Pebble, started here when ACME_DIRECTORY_URL is unset), the Alidns zone challenges are
// written in, the driver over the sealed store.

import {
  type AcmeSettings,
  acmeSettings,
  type EmulatorAcme,
  PEBBLE_HINT,
  startEmulatorAcme,
} from '../acme/index.ts';
import { createAlidnsClient } from '../alidns/index.ts';
import { effectiveResolvers } from '../dns/preflight.ts';
import { createSealer, type SecretsKey } from '../secrets/index.ts';
import { createAcmeDriver } from './acme-driver.ts';
import { alidnsChallengeRecords } from './alidns-records.ts';
import { type CertificatesFromConfigOptions, type CertificateWiring, noCertificates } from './from-config.ts';

/** The ACME driver for settings `certificatesFromConfig` found complete; `key` seals what it stores. */
export async function wireCertificates(
  opts: CertificatesFromConfigOptions,
  key: SecretsKey['key'],
): Promise<CertificateWiring> {
  const { config, emulator } = opts;
  let acme: EmulatorAcme | undefined;
  let settings: AcmeSettings;
  if (emulator !== undefined) {
    acme = await startEmulatorAcme({
      config,
      dnsServer: emulator.dns,
      defaultZone: emulator.defaultZone,
      ...(config.ACME_PEBBLE_VALIDITY_SECONDS > 0
        ? { certificateValidityPeriod: config.ACME_PEBBLE_VALIDITY_SECONDS }
        : {}),
      ...(opts.findPebble === undefined ? {} : { findBinary: opts.findPebble }),
    });
    if (acme === undefined) return noCertificates(PEBBLE_HINT);
    settings = acme.settings;
  } else {
    settings = acmeSettings(config);
  }
  const alidns = createAlidnsClient(
    emulator === undefined ? config : { ...config, ALIDNS_ENDPOINT: config.ALIDNS_ENDPOINT ?? emulator.url },
  );
  const close = async () => {
    await alidns.close();
    await acme?.close();
  };
  try {
    const driver = await createAcmeDriver({
      settings,
      store: opts.store,
      sealer: createSealer([key]),
      records: alidnsChallengeRecords(alidns, settings.dnsZone),
      resolvers: effectiveResolvers(config.DNS_RESOLVERS),
    });
    const from = acme?.pebble === undefined ? settings.directoryUrl : `Pebble at ${settings.directoryUrl}`;
    return { driver, line: `Managed certificates: ACME ${from}, challenges in ${settings.dnsZone}.`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
