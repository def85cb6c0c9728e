// Decides from the configuration whether managed certificates are on: without a secrets key, or a zone
// for the challenges in remote mode, there is no driver and a line says why. When they are on,
// acme-wiring.ts sets up the directory, the Alidns zone and the sealed store.

import type { Config } from '../config/env-schema.ts';
import type { DnsServerAddress } from '../dns/types.ts';
import { loadSecretsKey } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
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

export interface CertificatesFromConfigOptions {
  /** The effective configuration (in emulator mode, pointed at the emulator). */
  config: Config;
  store: Store;
  emulator?: EmulatorEndpoints | undefined;
  /** SECRETS_KEY as set. */
  secretsKey: string | undefined;
  /** Where pebble is; default the PATH (tests). */
  findPebble?: () => string | undefined;
}

export function noCertificates(line: string): CertificateWiring {
  return { driver: undefined, line, close: async () => {} };
}

export async function certificatesFromConfig(
  opts: CertificatesFromConfigOptions,
): Promise<CertificateWiring> {
  const { config, emulator } = opts;
  const key = loadSecretsKey({
    secretsKey: opts.secretsKey,
    mode: emulator === undefined ? 'remote' : 'emulator',
    dataDir: config.DATA_DIR,
  });
  if (key === undefined)
    return noCertificates('Managed certificates are off: SECRETS_KEY is unset (keys are stored sealed).');
  if (emulator === undefined && config.ACME_DNS_ZONE === undefined) {
    return noCertificates(
      'Managed certificates are off: set ACME_DNS_ZONE (the zone challenges are answered in).',
    );
  }
  // Loaded only when certificates are on: the ACME client, its crypto packages and our ACME code are
  // ~370 modules, a quarter of what a start loaded, that a start without them never runs (bench/README.md,
  // row 5).
  const { wireCertificates } = await import('./acme-wiring.ts');
  return wireCertificates(opts, key.key);
}
