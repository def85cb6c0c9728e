// Wires managed certificates from the configuration: the ACME directory (in emulator mode Pebble, started
// here when ACME_DIRECTORY_URL is unset), the Alidns zone challenges are written in, the sealed store.
// Without a directory, a zone or a secrets key there is no driver, and a line says why.

import {
  type AcmeSettings,
  acmeSettings,
  type EmulatorAcme,
  PEBBLE_HINT,
  startEmulatorAcme,
} from '../acme/index.ts';
import { createAlidnsClient } from '../alidns/index.ts';
import type { Config } from '../config/env-schema.ts';
import { effectiveResolvers } from '../dns/preflight.ts';
import type { DnsServerAddress } from '../dns/types.ts';
import { createSealer, loadSecretsKey } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
import { createAcmeDriver } from './acme-driver.ts';
import { alidnsChallengeRecords } from './alidns-records.ts';
import type { CertificateDriver } from './driver.ts';

export interface CertificateWiring {
  driver: CertificateDriver | undefined;
  /** One line for the log: where certificates come from, or why there are none. */
  line: string;
  close(): Promise<void>;
}

export interface EmulatorEndpoints {
  /** `http://HOST:PORT`, which answers Alidns too. */
  url: string;
  dns: DnsServerAddress;
  /** A zone of the emulator's seed (its dnsDomains), for ACME_DNS_ZONE when unset. */
  defaultZone: string;
}

export async function certificatesFromConfig(opts: {
  /** The effective configuration (in emulator mode, pointed at the emulator). */
  config: Config;
  store: Store;
  emulator?: EmulatorEndpoints | undefined;
  /** SECRETS_KEY as set. */
  secretsKey: string | undefined;
  /** Where pebble is; default the PATH (tests). */
  findPebble?: () => string | undefined;
}): Promise<CertificateWiring> {
  const { config, emulator } = opts;
  const none = (line: string): CertificateWiring => ({ driver: undefined, line, close: async () => {} });
  const key = loadSecretsKey({
    secretsKey: opts.secretsKey,
    mode: emulator === undefined ? 'remote' : 'emulator',
    dataDir: config.DATA_DIR,
  });
  if (key === undefined)
    return none('Managed certificates are off: SECRETS_KEY is unset (keys are stored sealed).');

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
    if (acme === undefined) return none(PEBBLE_HINT);
    settings = acme.settings;
  } else {
    if (config.ACME_DNS_ZONE === undefined) {
      return none('Managed certificates are off: set ACME_DNS_ZONE (the zone challenges are answered in).');
    }
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
      sealer: createSealer([key.key]),
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
