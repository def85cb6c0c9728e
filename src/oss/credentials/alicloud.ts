import { OssCredentialsError } from '../errors.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

// Adapter for the official `@alicloud/credentials` package: RAM role ARN, OIDC (RRSA), profiles and the
// default chain, whose STS exchanges the vendor maintains and refreshes itself.

/** The part of `@alicloud/credentials`' `Credential` class this adapter uses. */
export interface AlicloudCredentialClient {
  getCredential(): Promise<{
    accessKeyId?: string | undefined;
    accessKeySecret?: string | undefined;
    securityToken?: string | undefined;
  }>;
}

/**
 * The library caches and refreshes STS credentials itself (it re-assumes the role shortly before they
 * expire), so every call simply asks it again.
 */
export function alicloudCredentials(client: AlicloudCredentialClient): CredentialsProvider {
  return {
    async getCredentials(): Promise<Credentials> {
      let model: Awaited<ReturnType<AlicloudCredentialClient['getCredential']>>;
      try {
        model = await client.getCredential();
      } catch (err) {
        throw new OssCredentialsError('@alicloud/credentials could not provide credentials', { cause: err });
      }
      if (!model.accessKeyId || !model.accessKeySecret) {
        throw new OssCredentialsError('@alicloud/credentials returned no AccessKey pair');
      }
      return {
        accessKeyId: model.accessKeyId,
        accessKeySecret: model.accessKeySecret,
        securityToken: model.securityToken || undefined,
      };
    },
  };
}

/** Configuration accepted by `@alicloud/credentials` (`type`: access_key, sts, ram_role_arn, oidc_role_arn, …). */
export type AlicloudCredentialConfig = Record<string, unknown>;

type CredentialClass = new (config?: AlicloudCredentialConfig) => AlicloudCredentialClient;

// The package is CommonJS with `exports.default = Credential`: Node's ESM loader hands back module.exports
// (class under `.default`) while bundler-style interop unwraps it once already; accept both.
function credentialClass(mod: unknown): CredentialClass {
  const first = (mod as { default?: unknown }).default ?? mod;
  const candidate = typeof first === 'function' ? first : (first as { default?: unknown }).default;
  if (typeof candidate !== 'function')
    throw new OssCredentialsError('@alicloud/credentials has no Credential class');
  return candidate as CredentialClass;
}

/**
 * Builds a provider from `@alicloud/credentials` configuration, or — without one — from the package's
 * default chain (environment, OIDC/RRSA via ALIBABA_CLOUD_* variables, profile file, ECS RAM role).
 */
export async function createAlicloudCredentials(
  config?: AlicloudCredentialConfig,
): Promise<CredentialsProvider> {
  const Credential = credentialClass(await import('@alicloud/credentials'));
  return alicloudCredentials(config === undefined ? new Credential() : new Credential(config));
}
