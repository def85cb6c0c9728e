// From the checked configuration to what openAccount needs. Emulator mode fills in Pebble's directory
// and CA; elsewhere an unset directory means Let's Encrypt's production one.

import { readFileSync } from 'node:fs';
import { StartupError } from '../config/startup-error.ts';
import type { AcmeConfig } from '../config/types.ts';
import type { AcmeSettings } from './types.ts';

export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

export function acmeSettings(
  config: AcmeConfig,
  overrides: { directoryUrl?: string; caPem?: string; dnsZone?: string } = {},
): AcmeSettings {
  const dnsZone = overrides.dnsZone ?? config.dnsZone;
  if (dnsZone === undefined) {
    throw new StartupError(
      'ACME_DNS_ZONE',
      'required for managed certificates: the zone challenges are answered in',
    );
  }
  return {
    directoryUrl: overrides.directoryUrl ?? config.directoryUrl ?? LETS_ENCRYPT_DIRECTORY,
    caPem: overrides.caPem ?? (config.caFile === undefined ? undefined : readCaFile(config.caFile)),
    email: config.email,
    eab: config.eab,
    dnsZone,
    keyType: config.keyType,
  };
}

function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StartupError('ACME_CA_FILE', `${path}: cannot read (${(error as NodeJS.ErrnoException).code})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new StartupError('ACME_CA_FILE', `${path}: holds no PEM certificate`);
  }
  return pem;
}
