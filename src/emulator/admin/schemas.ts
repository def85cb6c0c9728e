// Admin API inputs. Every body is validated so a bad test fixture gets a 400 naming the field.

import { z } from 'zod';

export const dnsRecordInputSchema = z.strictObject({
  type: z.enum(['TXT', 'CNAME', 'A', 'AAAA', 'NS']),
  values: z.array(z.string()).min(1),
  /** Seconds; default 60. */
  ttl: z.number().int().min(0).max(2_147_483_647).optional(),
});

export type DnsRecordInput = z.infer<typeof dnsRecordInputSchema>;

export const clockInputSchema = z.strictObject({
  offsetSeconds: z.number().finite(),
});

export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new AdminInputError(z.prettifyError(result.error));
  return result.data;
}
