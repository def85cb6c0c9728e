// From the checked configuration to what openAccount needs. Emulator mode fills in Pebble's directory
// and CA; elsewhere an unset directory means Let's Encrypt's production one.

import { readFileSync } from 'node:fs';
import type { Config } from '../config/env-schema.ts';
import { StartupError } from '../config/startup-error.ts';
import type { AcmeSettings } from './types.ts';

/** The ACME_* settings, under their own names. */
export type AcmeConfig = Pick<
  Config,
  | 'ACME_DIRECTORY_URL'
  | 'ACME_CA_FILE'
  | 'ACME_EMAIL'
  | 'ACME_EAB_KID'
  | 'ACME_EAB_HMAC_KEY'
  | 'ACME_DNS_ZONE'
  | 'ACME_KEY_TYPE'
>;

export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

export function acmeSettings(
  config: AcmeConfig,
  overrides: { directoryUrl?: string; caPem?: string; dnsZone?: string } = {},
): AcmeSettings {
  const dnsZone = overrides.dnsZone ?? config.ACME_DNS_ZONE;
  if (dnsZone === undefined) {
    throw new StartupError(
      'ACME_DNS_ZONE',
      'required for managed certificates: the zone challenges are answered in',
    );
  }
  return {
    directoryUrl: overrides.directoryUrl ?? config.ACME_DIRECTORY_URL ?? LETS_ENCRYPT_DIRECTORY,
    caPem:
      overrides.caPem ?? (config.ACME_CA_FILE === undefined ? undefined : readCaFile(config.ACME_CA_FILE)),
    email: config.ACME_EMAIL,
    eab:
      config.ACME_EAB_KID !== undefined && config.ACME_EAB_HMAC_KEY !== undefined
        ? { kid: config.ACME_EAB_KID, hmacKey: config.ACME_EAB_HMAC_KEY }
        : undefined,
    dnsZone,
    keyType: config.ACME_KEY_TYPE,
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
