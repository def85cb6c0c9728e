// The shape of one entry of the problem catalogue: what a caller reads in the answer (status, title), what
// the README's error table says about it, and where the docs explain it further. The entries are data
// (src/errors/problems/*.json), so the catalogue checks each against this schema when it loads.
import { z } from 'zod';

export const ProblemDefinitionSchema = z.strictObject({
  status: z.number().int().min(400).max(599),
  /** The same for every occurrence of the code (RFC 9457 §3.1.3); `detail` carries the specifics. */
  title: z.string().min(1),
  /** When a caller meets it: the table's Meaning column. */
  meaning: z.string().min(1),
  /** What the caller (or, for 5xx, the operator) does about it. */
  action: z.string().min(1),
  /** The section that explains it, as `path#anchor` from the repository root. */
  docs: z.string().regex(/^docs\/[\w.-]+\.md#[\w-]+$/),
  /** `always`: every answer has Retry-After; `when-known`: only when the service can tell how long. */
  retryAfter: z.enum(['always', 'when-known']).optional(),
});

export type ProblemDefinition = z.infer<typeof ProblemDefinitionSchema>;
