import { OssCredentialsError } from '../errors.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

/**
 * `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET` and optional `OSS_SESSION_TOKEN`, read on every call as the
 * Go and TypeScript SDKs do, so rotated values are picked up without a restart.
 */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): CredentialsProvider {
  return {
    async getCredentials(): Promise<Credentials> {
      const accessKeyId = env.OSS_ACCESS_KEY_ID ?? '';
      const accessKeySecret = env.OSS_ACCESS_KEY_SECRET ?? '';
      if (accessKeyId === '' || accessKeySecret === '') {
        throw new OssCredentialsError('OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET must both be set');
      }
      const token = env.OSS_SESSION_TOKEN;
      return { accessKeyId, accessKeySecret, securityToken: token === '' ? undefined : token };
    },
  };
}
