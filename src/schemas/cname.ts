// Bindings (CNAMEs): their JSON view, the list query and page, and the PUT body.
import { z } from 'zod';
import { bucketName, domainName } from './common.ts';
import { PreflightReport } from './preflight.ts';

export const CertIssue = z
  .object({ code: z.string(), detail: z.string(), fix: z.string() })
  .meta({ id: 'CertificateIssue' });

export const Certificate = z
  .object({
    type: z.string().meta({ description: '`CAS` (certificate service id) or `Upload` (PEM uploaded).' }),
    certId: z.string().meta({ example: '493****-cn-hangzhou' }),
    status: z.string().meta({ description: '`Enabled` or `Disabled`.' }),
    fingerprint: z.string().meta({ description: 'SHA-1 fingerprint as OSS shows it (colon-separated hex).' }),
    createdAt: z.iso.datetime().nullable(),
    validFrom: z.iso.datetime().nullable(),
    validUntil: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Certificate' });

export const Binding = z
  .object({
    bucket: bucketName,
    domain: z.string().meta({ description: 'Punycode (ASCII) form, as OSS stores it.' }),
    domainUnicode: z.string().meta({ description: 'The same domain in Unicode, for display.' }),
    status: z.string().meta({ description: '`Enabled` or `Disabled`, as OSS reports it.' }),
    lastModified: z.iso.datetime().nullable(),
    wildcard: z.boolean(),
    certificate: Certificate.nullable(),
    cnameTarget: z.string().meta({ example: 'examplebucket.oss-cn-hangzhou.aliyuncs.com' }),
    etag: z.string().meta({
      description: 'Same as the ETag header: the bound certificate id in quotes, or `"none"`.',
      example: '"none"',
    }),
    preflight: PreflightReport.optional().meta({
      description:
        'PUT answers that bound the domain: the DNS pre-flight run before binding (what is still to do, such as the CNAME record).',
    }),
    certificateWarnings: z.array(CertIssue).optional().meta({
      description: 'PUT answers that sent a certificate: what does not block it but deserves attention.',
    }),
  })
  .meta({ id: 'Binding' });

const LIST_LIMIT_DEFAULT = 50;
const LIST_LIMIT_MAX = 100;

export const ListQuery = z.strictObject({
  status: z.enum(['Enabled', 'Disabled']).optional().meta({ description: 'Only bindings in this state.' }),
  certificate: z
    .enum(['none', 'any'])
    .optional()
    .meta({ description: '`none`: only bindings without a certificate; `any`: only those with one.' }),
  expiresBefore: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional()
    .meta({ description: 'Only bindings whose certificate is valid until before this ISO date or time.' }),
  // Decimal digits only: z.coerce would take 0x10, 1e1 or " 16" through Number().
  limit: z
    .preprocess(
      (v) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v),
      z
        .int({ error: `must be a whole number from 1 to ${LIST_LIMIT_MAX}` })
        .min(1)
        .max(LIST_LIMIT_MAX)
        .default(LIST_LIMIT_DEFAULT),
    )
    .meta({ description: `Page size, 1-${LIST_LIMIT_MAX}; default ${LIST_LIMIT_DEFAULT}.` }),
  cursor: z
    .string()
    .max(1024)
    .optional()
    .meta({ description: 'Opaque: the `nextCursor` of the previous page, sent with the same filters.' }),
});

export const BindingPage = z
  .object({
    bucket: bucketName,
    items: z.array(Binding).meta({ description: 'Ordered by domain (punycode).' }),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'BindingPage' });

const CertIdInput = z.strictObject({
  certId: z.string().min(1).max(200).meta({
    description: 'Certificate Management Service id, `<id>-<region>`.',
    example: '493****-cn-hangzhou',
  }),
});

const UploadInput = z.strictObject({
  certificate: z
    .string()
    .min(1)
    .max(65_536)
    .meta({ description: 'PEM: the leaf certificate, then its intermediates.' }),
  privateKey: z
    .string()
    .min(1)
    .max(16_384)
    .meta({ description: 'PEM private key of the leaf, unencrypted.' }),
});

const putFields = {
  certificate: z
    .union([CertIdInput, UploadInput])
    .optional()
    .meta({ description: 'Bind or replace the certificate. Leave out to keep the current one.' }),
  force: z.boolean().optional().meta({
    description:
      'Replace the certificate whatever it is now. Without it (and without If-Match) the service replaces only the certificate it just read.',
  }),
};

export const PutBindingBody = z.strictObject(putFields);
export const PutBindingCollectionBody = z.strictObject({ domain: domainName, ...putFields });

export type BindingView = z.output<typeof Binding>;
export type CertificateView = z.output<typeof Certificate>;
export type ListQueryInput = z.output<typeof ListQuery>;
export type PutBindingInput = z.output<typeof PutBindingBody>;
