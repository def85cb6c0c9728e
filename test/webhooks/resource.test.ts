import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManagedDomain } from '../../src/domains/index.ts';
import { CreateWebhookBody, WebhookDelivery, webhookEnvFields } from '../../src/webhooks/index.ts';

describe('webhook schemas and settings', () => {
  it('accepts a subscription to known events on bucket globs, and nothing else', () => {
    const ok = { url: 'https://hooks.example.com/x', events: ['domain.ready'], buckets: ['web-*'] };
    expect(CreateWebhookBody.parse(ok)).toEqual(ok);
    expect(CreateWebhookBody.safeParse({ ...ok, events: ['domain.exploded'] }).success).toBe(false);
    expect(CreateWebhookBody.safeParse({ ...ok, url: 'ftp://x.example.com/' }).success).toBe(false);
    expect(CreateWebhookBody.safeParse({ ...ok, buckets: ['Web'] }).success).toBe(false);
    expect(CreateWebhookBody.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });

  it('turns into OpenAPI components with stable ids', () => {
    const json = JSON.stringify(z.toJSONSchema(z.object({ a: ManagedDomain, b: WebhookDelivery })));
    expect(json).toContain('ManagedDomainCertificate');
    expect(json).toContain('ManagedDomainDnsRecord');
  });

  it('reads WEBHOOK_* and SECRETS_KEY with safe defaults', () => {
    const schema = z.object(webhookEnvFields);
    expect(schema.parse({})).toEqual({
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      WEBHOOK_TIMEOUT_MS: 15_000,
      WEBHOOK_DELIVERY_RETENTION_DAYS: 30,
      SECRETS_KEY: undefined,
    });
    expect(schema.parse({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(
      true,
    );
  });
});
