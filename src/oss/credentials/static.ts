import { OssCredentialsError } from '../errors.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

/** Fixed AccessKey pair (optionally with an STS token). */
export function staticCredentials(creds: Credentials): CredentialsProvider {
  if (!creds.accessKeyId || !creds.accessKeySecret) {
    throw new OssCredentialsError('static credentials need a non-empty accessKeyId and accessKeySecret');
  }
  const frozen: Credentials = Object.freeze({ ...creds });
  return { getCredentials: async () => frozen };
}
