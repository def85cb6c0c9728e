/** What a signer needs; providers in `src/oss/credentials` produce it. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token; sent as `x-oss-security-token` when non-empty. */
  readonly securityToken?: string | undefined;
}
