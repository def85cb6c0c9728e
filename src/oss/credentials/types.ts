import type { SigningCredentials } from '../signer/index.ts';

export interface Credentials extends SigningCredentials {
  /** When temporary (STS) credentials stop working; absent for long-lived keys. */
  readonly expiration?: Date | undefined;
}

/** Source of credentials; called before every attempt, so it must be cheap when nothing changed. */
export interface CredentialsProvider {
  getCredentials(signal?: AbortSignal): Promise<Credentials>;
}

export function isCredentialsProvider(value: unknown): value is CredentialsProvider {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { getCredentials?: unknown }).getCredentials === 'function'
  );
}
