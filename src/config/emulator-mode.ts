// Emulator mode: without OSS credentials the service runs the embedded OSS emulator and points itself at
// it: the emulator's URL as endpoint, its seed's first access key as credentials, its DNS server for
// ownership lookups. Kept apart from server.ts so the wiring is testable without a process.
import { readFileSync } from 'node:fs';
import type { Emulator, EmulatorOptions } from '../emulator/index.ts';
import { StartupError } from './startup-error.ts';
import type { AppConfig } from './types.ts';

export function emulatorOptions(config: AppConfig): EmulatorOptions {
  const { emulator } = config;
  return {
    host: emulator.host,
    port: emulator.port,
    dnsPort: emulator.dnsPort,
    ...(emulator.seedFile === undefined ? {} : { seed: readSeedFile(emulator.seedFile) }),
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

export function withEmulator(config: AppConfig, emulator: Emulator): AppConfig {
  if (emulator.credentials.accessKeyId === '') {
    throw new StartupError(
      'EMULATOR_SEED',
      'the seed has no access key to sign with; give its first account one',
    );
  }
  return {
    ...config,
    oss: {
      ...config.oss,
      endpoint: emulator.url,
      useInternalEndpoint: false,
      credentialsSource: { kind: 'static' },
      credentials: {
        accessKeyId: emulator.credentials.accessKeyId,
        accessKeySecret: emulator.credentials.accessKeySecret,
        sessionToken: emulator.credentials.securityToken,
      },
    },
    // Every name lives in the emulator's DNS server: it is both the resolver and the name servers.
    dnsResolvers: [emulator.dns],
    dns: { ...config.dns, authoritativePort: emulator.dns.port },
  };
}

export function emulatorBanner(emulator: Emulator): string {
  const rule = '='.repeat(78);
  return [
    rule,
    ' EMULATOR MODE: OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET are not set.',
    ` The embedded OSS emulator serves ${emulator.url} (DNS ${emulator.dns.host}:${emulator.dns.port}).`,
    ' Nothing reaches Alibaba Cloud; its state is kept in DATA_DIR. Never run this in production.',
    rule,
    '',
  ].join('\n');
}
