// The credentials the OSS client signs with, chosen by OSS_CREDENTIALS_PROVIDER: the static key pair
// (or the emulator seed's), the environment read on every call, the ECS instance's RAM role, or the
// @alicloud/credentials default chain (environment, RRSA/OIDC via ALIBABA_CLOUD_*, profile, ECS role).
import { createAlicloudCredentials } from '../oss/credentials/alicloud.ts';
import {
  type Credentials,
  type CredentialsProvider,
  ecsRamRoleCredentials,
  environmentCredentials,
  OssCredentialsError,
} from '../oss/index.ts';
import type { OssConfig } from './types.ts';

export function ossCredentials(
  oss: OssConfig,
  env: NodeJS.ProcessEnv = process.env,
): Credentials | CredentialsProvider {
  const source = oss.credentialsSource;
  switch (source.kind) {
    case 'env':
      return environmentCredentials(env);
    case 'ecs-ram-role':
      return ecsRamRoleCredentials({ roleName: source.roleName, baseUrl: source.metadataUrl });
    case 'alicloud':
      return lazyProvider(() => createAlicloudCredentials());
    case 'static': {
      if (!oss.credentials) {
        throw new Error(
          'OSS credentials are missing: server.ts fills them from the emulator seed in emulator mode',
        );
      }
      return {
        accessKeyId: oss.credentials.accessKeyId,
        accessKeySecret: oss.credentials.accessKeySecret,
        securityToken: oss.credentials.sessionToken,
      };
    }
  }
}

/**
 * The app is built synchronously, but @alicloud/credentials is loaded with a dynamic import: the provider
 * is created on the first signature and reused. A failed load is retried on the next call.
 */
function lazyProvider(create: () => Promise<CredentialsProvider>): CredentialsProvider {
  let provider: Promise<CredentialsProvider> | undefined;
  return {
    async getCredentials(signal) {
      provider ??= create().catch((error: unknown) => {
        provider = undefined;
        throw error instanceof OssCredentialsError
          ? error
          : new OssCredentialsError('@alicloud/credentials could not be loaded', { cause: error });
      });
      return (await provider).getCredentials(signal);
    },
  };
}
