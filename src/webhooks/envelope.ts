// The body of every webhook: `{type, timestamp, data}` (Standard Webhooks' payload shape).
import { z } from 'zod';

export const WebhookEnvelope = z
  .object({
    type: z.string().meta({ example: 'domain.ready' }),
    timestamp: z.iso.datetime().meta({ description: 'When the event happened.' }),
    data: z.record(z.string(), z.unknown()).meta({
      description:
        'The managed domain after the change; for `domain.certificate_expiring` about a certificate bound through /cnames, `{bucket, domain, managed: false, binding, certificate, thresholdDays, daysLeft}` (docs/domains.md#expiry-watch).',
    }),
  })
  .meta({ id: 'WebhookEvent' });

export type WebhookEnvelopeView = z.output<typeof WebhookEnvelope>;

/** The exact bytes that are signed and sent; stored once so every retry sends the same body. */
export function envelopeBody(type: string, at: Date, data: object): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}
