// Emulator mode: without OSS credentials the service runs the embedded OSS emulator and points itself at
// it: the emulator's URL as endpoint, its seed's first access key as credentials, its DNS server for
// ownership lookups. Kept apart from the process entry so the wiring is testable without a process.
import { readFileSync } from 'node:fs';
import type { Emulator, EmulatorOptions } from '../emulator/index.ts';
import type { Config } from './env-schema.ts';
import { StartupError } from './startup-error.ts';

export function emulatorOptions(config: Config): EmulatorOptions {
  return {
    host: config.EMULATOR_HOST,
    port: config.EMULATOR_PORT,
    dnsPort: config.EMULATOR_DNS_PORT,
    ...(config.EMULATOR_SEED === undefined ? {} : { seed: readSeedFile(config.EMULATOR_SEED) }),
  };
}

function readSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StartupError(
      'EMULATOR_SEED',
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StartupError('EMULATOR_SEED', `${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** The configuration pointed at the emulator, under the same names an operator would set by hand. */
export function withEmulator(config: Config, emulator: Emulator): Config {
  if (emulator.credentials.accessKeyId === '') {
    throw new StartupError(
      'EMULATOR_SEED',
      'the seed has no access key to sign with; give its first account one',
    );
  }
  return {
    ...config,
    OSS_ENDPOINT: emulator.url,
    OSS_USE_INTERNAL_ENDPOINT: false,
    OSS_CREDENTIALS_PROVIDER: 'static',
    OSS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    OSS_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    OSS_SESSION_TOKEN: emulator.credentials.securityToken,
    // Every name lives in the emulator's DNS server: it is both the resolver and the name servers.
    DNS_RESOLVERS: [emulator.dns],
    DNS_AUTHORITATIVE_PORT: emulator.dns.port,
  };
}

export function emulatorBanner(emulator: Emulator): string {
  const rule = '='.repeat(78);
  return [
    rule,
    ' EMULATOR MODE: OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET are not set.',
    ` The embedded OSS emulator serves ${emulator.url} (DNS ${emulator.dns.host}:${emulator.dns.port}).`,
    ' Nothing reaches Alibaba Cloud; state is lost on exit. Never run this in production.',
    rule,
    '',
  ].join('\n');
}
