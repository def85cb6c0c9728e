// The settings this issue added: DNS pre-flight timing, the certificate region, the account scan, and
// where OSS credentials come from (OSS_CREDENTIALS_PROVIDER).
import { describe, expect, it } from 'vitest';
import { credentialsSource, usesRealOss } from '../../src/config/credentials-source.ts';
import { ossCredentials } from '../../src/config/oss-credentials.ts';
import { loadConfig } from '../../src/config.ts';

const KEYS = { API_KEYS_FILE: '/etc/keys.json' };

function configOf(env: Record<string, string>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

function errorsOf(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

describe('DNS, certificate and scan settings', () => {
  it('have documented defaults', () => {
    expect(configOf({})).toMatchObject({
      DNS_TIMEOUT_MS: 2000,
      DNS_CACHE_TTL_MS: 30_000,
      DNS_AUTHORITATIVE_PORT: 53,
      DNS_PREFLIGHT_TIMEOUT_MS: 8000,
      OSS_CERT_REGION: 'cn-hangzhou',
      CONFLICT_SCAN_MAX_BUCKETS: 500,
      CONFLICT_SCAN_CACHE_MS: 60_000,
    });
  });

  it('are read from the environment', () => {
    const config = configOf({
      DNS_TIMEOUT_MS: '500',
      DNS_CACHE_TTL_MS: '0',
      DNS_AUTHORITATIVE_PORT: '5353',
      DNS_PREFLIGHT_TIMEOUT_MS: '3000',
      OSS_CERT_REGION: 'oss-ap-southeast-1',
      CONFLICT_SCAN_MAX_BUCKETS: '0',
      CONFLICT_SCAN_CACHE_MS: '1000',
    });
    expect(config).toMatchObject({
      DNS_TIMEOUT_MS: 500,
      DNS_CACHE_TTL_MS: 0,
      DNS_AUTHORITATIVE_PORT: 5353,
      DNS_PREFLIGHT_TIMEOUT_MS: 3000,
      OSS_CERT_REGION: 'ap-southeast-1',
      CONFLICT_SCAN_MAX_BUCKETS: 0,
      CONFLICT_SCAN_CACHE_MS: 1000,
    });
  });

  it('refuse values out of range, one line each', () => {
    expect(
      errorsOf({ DNS_TIMEOUT_MS: '10', DNS_AUTHORITATIVE_PORT: '0', OSS_CERT_REGION: 'Hangzhou' }),
    ).toEqual([
      'OSS_CERT_REGION: must be a region id such as cn-hangzhou (got "Hangzhou")',
      'DNS_TIMEOUT_MS: must be a whole number from 50 to 30000 (got "10")',
      'DNS_AUTHORITATIVE_PORT: must be a whole number from 1 to 65535 (got "0")',
    ]);
  });
});

describe('OSS_CREDENTIALS_PROVIDER', () => {
  /** Remote or emulator mode, where credentials come from, and whether the static key pair is signed with. */
  function modeOf(env: Record<string, string>) {
    const config = configOf(env);
    const remote = usesRealOss(config);
    const credentials = remote ? ossCredentials(config, {}) : undefined;
    return {
      mode: remote ? 'remote' : 'emulator',
      source: credentialsSource(config),
      pair: credentials !== undefined && 'accessKeyId' in credentials ? credentials : undefined,
    };
  }

  it('is static by default: the key pair means remote mode, no pair the emulator', () => {
    expect(modeOf({})).toMatchObject({ mode: 'emulator', source: 'static' });
    expect(modeOf({ ...KEYS, OSS_ACCESS_KEY_ID: 'LTAIid', OSS_ACCESS_KEY_SECRET: 'secret' })).toMatchObject({
      mode: 'remote',
      source: 'static',
      pair: { accessKeyId: 'LTAIid', accessKeySecret: 'secret' },
    });
  });

  it.each([
    ['env', 'env'],
    ['ECS-RAM-ROLE', 'ecs-ram-role'],
    ['alicloud', 'alicloud'],
  ])('%s leaves emulator mode without a key pair', (provider, source) => {
    expect(modeOf({ ...KEYS, OSS_CREDENTIALS_PROVIDER: provider })).toEqual({
      mode: 'remote',
      source,
      pair: undefined,
    });
  });

  it('ecs-ram-role takes a role name and a metadata URL', () => {
    const config = configOf({
      ...KEYS,
      OSS_CREDENTIALS_PROVIDER: 'ecs-ram-role',
      OSS_ECS_ROLE_NAME: 'oss-cname',
      OSS_ECS_METADATA_URL: 'http://127.0.0.1:8100/latest/meta-data/ram/security-credentials/',
    });
    expect(credentialsSource(config)).toBe('ecs-ram-role');
    expect(config).toMatchObject({
      OSS_ECS_ROLE_NAME: 'oss-cname',
      OSS_ECS_METADATA_URL: 'http://127.0.0.1:8100/latest/meta-data/ram/security-credentials/',
    });
  });

  it('env reads the key pair itself, so the pair may be set too', () => {
    expect(
      modeOf({
        ...KEYS,
        OSS_CREDENTIALS_PROVIDER: 'env',
        OSS_ACCESS_KEY_ID: 'LTAIid',
        OSS_ACCESS_KEY_SECRET: 'secret',
      }),
    ).toEqual({ mode: 'remote', source: 'env', pair: undefined });
  });

  it('refuses combinations that would silently ignore a setting', () => {
    expect(errorsOf({ OSS_CREDENTIALS_PROVIDER: 'static' })).toEqual([
      'OSS_CREDENTIALS_PROVIDER: static needs OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET; set them, or leave the provider unset for emulator mode',
    ]);
    expect(
      errorsOf({
        ...KEYS,
        OSS_CREDENTIALS_PROVIDER: 'alicloud',
        OSS_ACCESS_KEY_ID: 'LTAIid',
        OSS_ACCESS_KEY_SECRET: 'secret',
      }),
    ).toEqual([
      'OSS_ACCESS_KEY_ID: not used with OSS_CREDENTIALS_PROVIDER=alicloud; unset the key pair, or choose static or env',
    ]);
    expect(errorsOf({ ...KEYS, OSS_CREDENTIALS_PROVIDER: 'env', OSS_ECS_ROLE_NAME: 'role' })).toEqual([
      'OSS_ECS_ROLE_NAME: only used with OSS_CREDENTIALS_PROVIDER=ecs-ram-role',
    ]);
    expect(errorsOf({ OSS_CREDENTIALS_PROVIDER: 'vault' })).toEqual([
      'OSS_CREDENTIALS_PROVIDER: must be one of static, env, ecs-ram-role, alicloud (got "vault")',
    ]);
    expect(
      errorsOf({ ...KEYS, OSS_CREDENTIALS_PROVIDER: 'ecs-ram-role', OSS_ECS_METADATA_URL: 'ftp://x' }),
    ).toEqual(['OSS_ECS_METADATA_URL: must be an http(s) URL (got "ftp://x")']);
  });

  it('needs the API key file, and satisfies production, like a key pair', () => {
    expect(errorsOf({ OSS_CREDENTIALS_PROVIDER: 'ecs-ram-role' })[0]).toMatch(/^API_KEYS_FILE: required/);
    expect(configOf({ ...KEYS, NODE_ENV: 'production', OSS_CREDENTIALS_PROVIDER: 'alicloud' }).NODE_ENV).toBe(
      'production',
    );
  });
});
