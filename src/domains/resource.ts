// The managed domain as callers see it (GET, webhook `data`), and the attach body and list query.
import { z } from 'zod';
import { bucketName, domainName } from '../schemas/common.ts';
import { CERTIFICATE_MODES, CERTIFICATE_STATUSES, DNS_RECORD_PURPOSES, DOMAIN_STATUSES } from './states.ts';

const time = z.iso.datetime();

const ManagedDomainError = z
  .object({
    code: z.string().meta({ description: 'Stable problem code.', example: 'ownership-txt-missing' }),
    detail: z.string(),
  })
  .meta({ id: 'ManagedDomainError' });

export const ManagedDomainCertificate = z
  .object({
    mode: z.enum(CERTIFICATE_MODES).meta({
      description: '`managed`: the service obtains and renews the certificate; `none`: plain binding.',
    }),
    status: z.enum(CERTIFICATE_STATUSES),
    notBefore: time.nullable(),
    notAfter: time.nullable(),
    fingerprint: z.string().nullable().meta({
      description: 'SHA-1 fingerprint as OSS shows it (colon-separated hex), as in /cnames.',
    }),
    renewAfter: time.nullable().meta({ description: 'When renewal starts.' }),
    lastError: ManagedDomainError.nullable(),
  })
  .meta({ id: 'ManagedDomainCertificate' });

export const ManagedDomainDnsRecord = z
  .object({
    purpose: z.enum(DNS_RECORD_PURPOSES).meta({
      description:
        '`ownership`: the TXT that proves the domain is yours; `traffic`: the CNAME that sends visitors to the bucket; `acme-challenge`: the CNAME that lets the service renew certificates without you.',
    }),
    type: z.enum(['TXT', 'CNAME']),
    name: z
      .string()
      .meta({ description: 'Fully qualified record name.', example: '_dnsauth.shop.example.com' }),
    zone: z.string().meta({ example: 'example.com' }),
    host: z.string().meta({ description: 'Record name relative to `zone`.', example: '_dnsauth.shop' }),
    value: z.string(),
    satisfied: z.boolean().meta({ description: 'Whether the last DNS look-up found it.' }),
  })
  .meta({ id: 'ManagedDomainDnsRecord' });

const ManagedDomainChecks = z
  .object({
    attempts: z.int().min(0).meta({ description: 'Checks made in the current step without progress.' }),
    lastCheckedAt: time.nullable(),
    nextCheckAt: time.nullable().meta({ description: 'Null when no more checks are planned (failed).' }),
    lastError: ManagedDomainError.nullable(),
  })
  .meta({ id: 'ManagedDomainChecks' });

export const ManagedDomain = z
  .object({
    domain: z.string().meta({ description: 'Punycode (ASCII) form.', example: 'shop.example.com' }),
    bucket: bucketName,
    status: z.enum(DOMAIN_STATUSES).meta({
      description:
        '`pending_ownership` → `binding` → `bound`; `stalled`: the check schedule ran out (POST …/check re-arms it, never deleted by the service); `failed`: a terminal refusal, see `checks.lastError.code`; `deleting`.',
    }),
    ready: z.boolean().meta({
      description: 'Bound, and either no certificate is wanted or one is valid now.',
    }),
    certificate: ManagedDomainCertificate,
    dnsRecords: z.array(ManagedDomainDnsRecord).meta({ description: 'Publish these in your DNS.' }),
    checks: ManagedDomainChecks,
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'ManagedDomain' });

export const CreateManagedDomainBody = z.strictObject({
  domain: domainName,
  certificate: z.enum(CERTIFICATE_MODES).default('managed'),
});

const MANAGED_LIST_LIMIT_DEFAULT = 50;
const MANAGED_LIST_LIMIT_MAX = 100;

export const ManagedDomainListQuery = z.strictObject({
  status: z.enum(DOMAIN_STATUSES).optional(),
  ready: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MANAGED_LIST_LIMIT_MAX).default(MANAGED_LIST_LIMIT_DEFAULT),
  cursor: z.string().max(1024).optional(),
});

export const ManagedDomainPage = z
  .object({
    bucket: bucketName,
    items: z.array(ManagedDomain).meta({ description: 'Ordered by domain (punycode).' }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ManagedDomainPage' });

export type ManagedDomainView = z.output<typeof ManagedDomain>;
