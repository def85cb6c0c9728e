// One audit record, as stored and as GET /audit shows it. zod is the one description of its shape.
import { z } from 'zod';

export const CertificateState = z
  .object({
    certId: z.string().nullable(),
    fingerprint: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
  })
  .meta({
    id: 'AuditCertificate',
    description: 'A certificate as the audit log keeps it: never its PEM or key.',
  });
export type CertificateState = z.infer<typeof CertificateState>;

export const AuditEntry = z
  .object({
    id: z.string(),
    time: z.iso.datetime(),
    actor: z.string().meta({ description: 'The API key id, `anonymous` for a refused key, or `system`.' }),
    actorReason: z
      .string()
      .nullable()
      .meta({ description: 'Why the service acted by itself (actor `system`).' }),
    requestId: z.string().nullable(),
    action: z.string().meta({ description: 'The operation, e.g. `putBinding`, `deleteBinding`.' }),
    method: z.string().nullable(),
    route: z.string().nullable(),
    status: z.number().int().nullable(),
    bucket: z.string().nullable(),
    domain: z.string().nullable(),
    outcome: z.string().meta({
      description: '`success`, `replayed` (an Idempotency-Key replay), or the problem code of the refusal.',
    }),
    ossRequestIds: z.array(z.string()),
    certificateBefore: CertificateState.nullable(),
    certificateAfter: CertificateState.nullable(),
    idempotencyKey: z.string().nullable(),
    dryRun: z.boolean(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'> & { time?: string };
