// The environment schema: defaults, one error line per bad variable, secrets never echoed, and the rules
// that tie variables together.
import { describe, expect, it } from 'vitest';
import { credentialsSource, usesRealOss } from '../../src/config/credentials-source.ts';
import { loadConfig } from '../../src/config.ts';

function errorsOf(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

function configOf(env: Record<string, string>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

describe('loadConfig', () => {
  it('starts in emulator mode with documented defaults when nothing is set', () => {
    const config = configOf({});
    expect(usesRealOss(config)).toBe(false);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 8080,
      LOG_LEVEL: 'info',
      OSS_REGION: 'cn-hangzhou',
      OSS_SIGNATURE_VERSION: 'v4',
      OSS_MAX_ATTEMPTS: 3,
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: 9000,
      EMULATOR_DNS_PORT: 9053,
      DNS_RESOLVERS: [],
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      BODY_LIMIT_BYTES: 131072,
      SHUTDOWN_GRACE_MS: 10000,
    });
    for (const unset of [
      'API_KEYS_FILE',
      'OSS_ACCESS_KEY_ID',
      'OSS_ACCESS_KEY_SECRET',
      'EMULATOR_SEED',
    ] as const) {
      expect(config[unset]).toBeUndefined();
    }
  });

  it('reads the circuit breaker settings, defaulting to 5 failures and a 5 s to 30 s cool-down', () => {
    expect(configOf({})).toMatchObject({
      OSS_CIRCUIT_FAILURES: 5,
      OSS_CIRCUIT_COOLDOWN_MS: 5000,
      OSS_CIRCUIT_MAX_COOLDOWN_MS: 30000,
    });
    expect(
      configOf({
        OSS_CIRCUIT_FAILURES: '2',
        OSS_CIRCUIT_COOLDOWN_MS: '60000',
        OSS_CIRCUIT_MAX_COOLDOWN_MS: '1000',
      }),
    ).toMatchObject({
      OSS_CIRCUIT_FAILURES: 2,
      OSS_CIRCUIT_COOLDOWN_MS: 60000,
      OSS_CIRCUIT_MAX_COOLDOWN_MS: 60000,
    });
    expect(errorsOf({ OSS_CIRCUIT_FAILURES: '0' })[0]).toMatch(/^OSS_CIRCUIT_FAILURES: /);
  });

  it('treats empty variables as unset', () => {
    expect(configOf({ PORT: '', OSS_ACCESS_KEY_ID: ' ', CORS_ORIGINS: '' }).PORT).toBe(8080);
  });

  it('reads remote mode, STS tokens and the internal endpoint', () => {
    const config = configOf({
      OSS_ACCESS_KEY_ID: 'LTAIxxxx',
      OSS_ACCESS_KEY_SECRET: 'secret',
      OSS_SESSION_TOKEN: 'sts-token',
      OSS_REGION: 'oss-cn-beijing',
      OSS_USE_INTERNAL_ENDPOINT: 'true',
      OSS_SIGNATURE_VERSION: 'V1',
      API_KEYS_FILE: '/etc/keys.json',
    });
    expect(usesRealOss(config)).toBe(true);
    expect(credentialsSource(config)).toBe('static');
    expect(config).toMatchObject({
      OSS_ACCESS_KEY_ID: 'LTAIxxxx',
      OSS_ACCESS_KEY_SECRET: 'secret',
      OSS_SESSION_TOKEN: 'sts-token',
      OSS_REGION: 'cn-beijing',
      OSS_USE_INTERNAL_ENDPOINT: true,
      OSS_SIGNATURE_VERSION: 'v1',
    });
  });

  it('parses lists: CORS origins, DNS resolvers with ports, trusted proxies', () => {
    const config = configOf({
      CORS_ORIGINS: 'https://console.example.com, http://localhost:3000',
      DNS_RESOLVERS: '10.0.0.2, 10.0.0.3:5353, [fd00::2]:53, ::1',
      TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://console.example.com', 'http://localhost:3000']);
    expect(config.DNS_RESOLVERS).toEqual([
      { host: '10.0.0.2', port: 53 },
      { host: '10.0.0.3', port: 5353 },
      { host: 'fd00::2', port: 53 },
      { host: '::1', port: 53 },
    ]);
    expect(config.TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(configOf({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(configOf({ TRUST_PROXY: 'yes' }).TRUST_PROXY).toBe(true);
  });

  it('reports one line per bad variable, naming it and the value', () => {
    const errors = errorsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      OSS_REGION: 'Hangzhou',
      OSS_ENDPOINT: 'https://oss.example.com/path',
      OSS_USE_INTERNAL_ENDPOINT: 'maybe',
      CORS_ORIGINS: 'console.example.com',
      DNS_RESOLVERS: 'dns.google',
      BODY_LIMIT_BYTES: '10',
      TRUST_PROXY: 'sometimes',
    });
    expect(errors).toEqual([
      'PORT: must be a whole number from 0 to 65535 (got "eighty")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'OSS_REGION: must be a region id such as cn-hangzhou (got "Hangzhou")',
      'OSS_ENDPOINT: must be a host or an http(s) URL without a path, e.g. oss-cn-hangzhou.aliyuncs.com (got "https://oss.example.com/path")',
      'OSS_USE_INTERNAL_ENDPOINT: must be true or false (got "maybe")',
      'CORS_ORIGINS: must be a comma-separated list of origins such as https://console.example.com (got "console.example.com")',
      'BODY_LIMIT_BYTES: must be a whole number from 1024 to 16777216 (got "10")',
      'TRUST_PROXY: must be true, false, a hop count, or a comma-separated list of addresses/CIDRs (got "sometimes")',
      'DNS_RESOLVERS: "dns.google" is not an IP address with an optional port (10.0.0.2, 10.0.0.2:53, [fd00::2]:53) (got "dns.google")',
    ]);
  });

  it('never echoes secret values', () => {
    const errors = errorsOf({ METRICS_TOKEN: 'short-secret' });
    expect(errors).toEqual(['METRICS_TOKEN: must be at least 16 characters']);
  });

  it('requires both halves of the OSS key pair', () => {
    expect(errorsOf({ OSS_ACCESS_KEY_ID: 'id', API_KEYS_FILE: '/k' })).toEqual([
      'OSS_ACCESS_KEY_SECRET: required when OSS_ACCESS_KEY_ID is set',
    ]);
    expect(errorsOf({ OSS_ACCESS_KEY_SECRET: 'secret', API_KEYS_FILE: '/k' })).toEqual([
      'OSS_ACCESS_KEY_ID: required when OSS_ACCESS_KEY_SECRET is set',
    ]);
    expect(errorsOf({ OSS_SESSION_TOKEN: 'sts' })[0]).toMatch(/^OSS_SESSION_TOKEN: only valid together/);
  });

  it('refuses production without OSS credentials', () => {
    expect(errorsOf({ NODE_ENV: 'production' })).toEqual([
      'OSS_ACCESS_KEY_ID: required when NODE_ENV=production; the embedded OSS emulator is for development only',
    ]);
  });

  it('requires a key file with real OSS credentials', () => {
    const errors = errorsOf({ OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^API_KEYS_FILE: required when OSS credentials are set/);
  });

  it('keeps the emulator off the service port', () => {
    expect(errorsOf({ PORT: '9000' })).toEqual(['EMULATOR_PORT: must differ from PORT (both are 9000)']);
    expect(configOf({ PORT: '0', EMULATOR_PORT: '0', EMULATOR_DNS_PORT: '0' }).PORT).toBe(0);
  });
});
