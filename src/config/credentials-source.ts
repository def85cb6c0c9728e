// Where the service's OSS credentials come from, read from the configuration where it is needed rather
// than copied into a second shape: the static key pair, the environment read on every call, the ECS
// instance's RAM role, or @alicloud/credentials' default chain.
import type { Config } from './env-schema.ts';

export type CredentialsSource = 'static' | 'env' | 'ecs-ram-role' | 'alicloud';

type CredentialSettings = Pick<
  Config,
  'OSS_CREDENTIALS_PROVIDER' | 'OSS_ACCESS_KEY_ID' | 'OSS_ACCESS_KEY_SECRET'
>;

/** OSS_CREDENTIALS_PROVIDER, or `static` when unset (emulator mode when no key pair is set either). */
export function credentialsSource(config: Pick<Config, 'OSS_CREDENTIALS_PROVIDER'>): CredentialsSource {
  return config.OSS_CREDENTIALS_PROVIDER ?? 'static';
}

/** Remote mode: a static key pair, or any provider other than static (which finds credentials itself). */
export function usesRealOss(config: CredentialSettings): boolean {
  const pair = config.OSS_ACCESS_KEY_ID !== undefined && config.OSS_ACCESS_KEY_SECRET !== undefined;
  return pair || credentialsSource(config) !== 'static';
}
