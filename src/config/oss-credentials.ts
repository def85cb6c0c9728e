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
import { credentialsSource } from './credentials-source.ts';
import type { Config } from './env-schema.ts';

export function ossCredentials(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): Credentials | CredentialsProvider {
  switch (credentialsSource(config)) {
    case 'env':
      return environmentCredentials(env);
    case 'ecs-ram-role':
      return ecsRamRoleCredentials({
        roleName: config.OSS_ECS_ROLE_NAME,
        baseUrl: config.OSS_ECS_METADATA_URL,
      });
    case 'alicloud':
      return lazyProvider(() => createAlicloudCredentials());
    case 'static': {
      if (config.OSS_ACCESS_KEY_ID === undefined || config.OSS_ACCESS_KEY_SECRET === undefined) {
        throw new Error(
          'OSS credentials are missing: the process entry fills them from the emulator seed in emulator mode',
        );
      }
      return {
        accessKeyId: config.OSS_ACCESS_KEY_ID,
        accessKeySecret: config.OSS_ACCESS_KEY_SECRET,
        securityToken: config.OSS_SESSION_TOKEN,
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
