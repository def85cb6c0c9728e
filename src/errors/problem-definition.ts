// The shape of one entry of the problem catalogue: what a caller reads in the answer (status, title), what
// the README's error table says about it, and where the docs explain it further.

export interface ProblemDefinition {
  status: number;
  /** The same for every occurrence of the code (RFC 9457 §3.1.3); `detail` carries the specifics. */
  title: string;
  /** When a caller meets it: the table's Meaning column. */
  meaning: string;
  /** What the caller (or, for 5xx, the operator) does about it. */
  action: string;
  /** The section that explains it, as `path#anchor` from the repository root. */
  docs: string;
  /** `always`: every answer has Retry-After; `when-known`: only when the service can tell how long. */
  retryAfter?: 'always' | 'when-known';
}
