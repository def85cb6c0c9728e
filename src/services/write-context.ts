// What a write needs to know about the request beyond its input.
export interface WriteContext {
  /** The caller's API key id: new ownership tokens count against it (issue 19, F7). */
  keyId?: string | undefined;
  /** Check everything and report what would be sent to OSS; send nothing that changes state. */
  dryRun: boolean;
  /** Whether the caller's API key covers a bucket, so an answer may name it. */
  canSeeBucket: (bucket: string) => boolean;
  /** Whether the caller's API key covers a domain, so a report may name it; absent means every domain. */
  canSeeDomain?: ((domain: string) => boolean) | undefined;
  /**
   * Throws when the caller's key may not change certificates (no `cert:write`); absent means it may.
   * Unbinding takes the certificate away with the domain, so it asks this too (issue 19, F8).
   */
  requireCertWrite?: (() => void) | undefined;
}
