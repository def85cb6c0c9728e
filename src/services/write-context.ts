// What a write needs to know about the request beyond its input.
export interface WriteContext {
  /** Check everything and report what would be sent to OSS; send nothing that changes state. */
  dryRun: boolean;
  /** Whether the caller's API key covers a bucket, so an answer may name it. */
  canSeeBucket: (bucket: string) => boolean;
}
