// The service's Alidns client: ALIDNS_ENDPOINT (or, in emulator mode, the embedded emulator, which
// answers Alidns on its HTTP port), signed with the service's OSS credentials unless others are given,
// with the OSS client's timeouts and attempt budget.

import { usesRealOss } from '../config/credentials-source.ts';
import type { Config } from '../config/env-schema.ts';
import { ossCredentials } from '../config/oss-credentials.ts';
import type { Credentials, CredentialsProvider } from '../oss/index.ts';
import { AlidnsClient, DEFAULT_ALIDNS_ENDPOINT } from './client.ts';

export interface AlidnsFromConfigOptions {
  credentials?: Credentials | CredentialsProvider | undefined;
  /** `http://HOST:PORT` of the embedded emulator; used in emulator mode when ALIDNS_ENDPOINT is unset. */
  emulatorUrl?: string | undefined;
}

export function alidnsEndpoint(config: Config, emulatorUrl?: string): string {
  if (config.ALIDNS_ENDPOINT !== undefined) return config.ALIDNS_ENDPOINT;
  if (!usesRealOss(config) && emulatorUrl !== undefined) return emulatorUrl;
  return DEFAULT_ALIDNS_ENDPOINT;
}

export function createAlidnsClient(config: Config, options: AlidnsFromConfigOptions = {}): AlidnsClient {
  return new AlidnsClient({
    endpoint: alidnsEndpoint(config, options.emulatorUrl),
    credentials: options.credentials ?? ossCredentials(config),
    connectTimeoutMs: config.OSS_CONNECT_TIMEOUT_MS,
    readTimeoutMs: config.OSS_READ_TIMEOUT_MS,
    retry: { maxAttempts: config.OSS_MAX_ATTEMPTS },
  });
}
