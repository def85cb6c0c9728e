import { OssCredentialsError } from '../errors.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

// Adapter for the official `@alicloud/credentials` package (RAM role ARN, OIDC/RRSA, profiles, the default
// chain). The package is not a dependency yet (see docs/oss-client.md), so this is written against the
// shape of its documented API — `new Credential(config)` then `await cred.getCredential()` — and takes the
// instance from the caller: no import, nothing to load unless someone wires it up.

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
