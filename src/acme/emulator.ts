// Emulator mode's certificate authority: with ACME_DIRECTORY_URL unset and Debian's pebble installed,
// `npm start` runs Pebble against the emulator's DNS and issues from it. Without pebble, managed
// certificates are off and the caller answers managed-certificates-unavailable.

import type { DnsServerAddress } from '../dns/types.ts';
import { findPebble, type Pebble, startPebble } from './pebble/index.ts';
import { type AcmeConfig, acmeSettings } from './settings.ts';
import type { AcmeSettings } from './types.ts';

export interface EmulatorAcme {
  settings: AcmeSettings;
  /** Set when this process started Pebble (it stops with close()). */
  pebble: Pebble | undefined;
  close(): Promise<void>;
}

export const PEBBLE_HINT =
  "Managed certificates need an ACME directory: set ACME_DIRECTORY_URL, or install Debian's pebble (apt-get install pebble) and restart in emulator mode.";

/** undefined when no directory is configured and no pebble is installed. */
export async function startEmulatorAcme(opts: {
  config: AcmeConfig;
  dnsServer: DnsServerAddress;
  /** Used when ACME_DNS_ZONE is unset: a zone of the emulator's seed. */
  defaultZone: string;
  /** Seconds Pebble's certificates last; short values make renewals visible in a demo. */
  certificateValidityPeriod?: number;
  /** Where pebble is; default: looked up on the PATH. */
  findBinary?: () => string | undefined;
}): Promise<EmulatorAcme | undefined> {
  const dnsZone = opts.config.ACME_DNS_ZONE ?? opts.defaultZone;
  if (opts.config.ACME_DIRECTORY_URL !== undefined) {
    return { settings: acmeSettings(opts.config, { dnsZone }), pebble: undefined, close: async () => {} };
  }
  const binary = (opts.findBinary ?? findPebble)();
  if (binary === undefined) return undefined;
  const pebble = await startPebble({
    dnsServer: opts.dnsServer,
    binary,
    ...(opts.certificateValidityPeriod === undefined
      ? {}
      : { certificateValidityPeriod: opts.certificateValidityPeriod }),
  });
  return {
    settings: acmeSettings(opts.config, {
      directoryUrl: pebble.directoryUrl,
      caPem: pebble.tlsCaPem,
      dnsZone,
    }),
    pebble,
    close: () => pebble.close(),
  };
}
