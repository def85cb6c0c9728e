// The service's Alidns client: ALIDNS_ENDPOINT (or, in emulator mode, the embedded emulator, which
// answers Alidns on its HTTP port), signed with the service's OSS credentials unless others are given,
// with the OSS client's timeouts and attempt budget.

import { ossCredentials } from '../config/oss-credentials.ts';
import type { AppConfig } from '../config/types.ts';
import type { Credentials, CredentialsProvider } from '../oss/index.ts';
import { AlidnsClient, DEFAULT_ALIDNS_ENDPOINT } from './client.ts';

export interface AlidnsFromConfigOptions {
  credentials?: Credentials | CredentialsProvider | undefined;
  /** `http://HOST:PORT` of the embedded emulator; used in emulator mode when ALIDNS_ENDPOINT is unset. */
  emulatorUrl?: string | undefined;
}

export function alidnsEndpoint(config: AppConfig, emulatorUrl?: string): string {
  if (config.alidns.endpoint !== undefined) return config.alidns.endpoint;
  if (config.oss.mode === 'emulator' && emulatorUrl !== undefined) return emulatorUrl;
  return DEFAULT_ALIDNS_ENDPOINT;
}

export function createAlidnsClient(config: AppConfig, options: AlidnsFromConfigOptions = {}): AlidnsClient {
  return new AlidnsClient({
    endpoint: alidnsEndpoint(config, options.emulatorUrl),
    credentials: options.credentials ?? ossCredentials(config.oss),
    connectTimeoutMs: config.oss.connectTimeoutMs,
    readTimeoutMs: config.oss.readTimeoutMs,
    retry: { maxAttempts: config.oss.maxAttempts },
  });
}
