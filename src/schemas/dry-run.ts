// `?dryRun=true` on every write: the request is validated, authorized and checked (DNS pre-flight,
// certificate) exactly as for real, and the answer shows what would be sent to OSS instead of sending it.
import { z } from 'zod';
import { Binding, CertIssue } from './cname.ts';
import { CnameToken } from './cname-token.ts';
import { bucketName } from './common.ts';
import { PreflightReport } from './preflight.ts';

export const DryRunQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .optional()
    .meta({ description: '`true`: check everything and show what would be sent to OSS, change nothing.' }),
});

const CertificateConfiguration = z
  .object({
    certId: z.string().optional(),
    certificate: z.string().optional().meta({
      description: 'Not the PEM itself: how many certificates it holds and the leaf fingerprint.',
      example: 'PEM, 2 certificate(s), leaf SHA-1 DE:01:…',
    }),
    privateKey: z.literal('[redacted]').optional().meta({ description: 'Never shown.' }),
    previousCertId: z.string().optional(),
    force: z.boolean().optional(),
    deleteCertificate: z.boolean().optional(),
  })
  .meta({ id: 'CertificateConfigurationPreview' });

const OssCallPreview = z
  .object({
    operation: z.enum(['CreateCnameToken', 'PutCname', 'DeleteCname']),
    bucket: bucketName,
    domain: z.string(),
    region: z.string(),
    certificateConfiguration: CertificateConfiguration.optional(),
  })
  .meta({ id: 'OssCallPreview' });

const CertificatePreview = z
  .object({
    source: z.enum(['cas', 'upload']),
    certId: z.string().nullable().meta({ description: 'The normalised certId (CAS certificates).' }),
    fingerprint: z
      .string()
      .nullable()
      .meta({ description: 'SHA-1 of the uploaded leaf, as OSS will show it.' }),
    subject: z.string().nullable(),
    dnsNames: z.array(z.string()),
    validFrom: z.iso.datetime().nullable(),
    validUntil: z.iso.datetime().nullable(),
    chainLength: z.int().nullable(),
    warnings: z.array(CertIssue),
  })
  .meta({ id: 'CertificatePreview' });

const DRY_RUN_ACTIONS = [
  'create-token',
  'bind',
  'change-certificate',
  'remove-certificate',
  'unbind',
  'none',
] as const;

export const DryRun = z
  .object({
    dryRun: z.literal(true),
    action: z
      .enum(DRY_RUN_ACTIONS)
      .meta({ description: 'What the request would do; `none`: nothing to change.' }),
    bucket: bucketName,
    domain: z.string(),
    region: z.string(),
    expectedStatus: z.int().meta({ description: 'The status the real request would answer with.' }),
    summary: z.string(),
    wouldCall: z
      .array(OssCallPreview)
      .meta({ description: 'The changing OSS requests the real request would send, in order.' }),
    current: Binding.nullable().meta({ description: 'The binding as it is now; null when not bound.' }),
    token: CnameToken.nullable().meta({ description: 'Token requests: the still-valid token, if any.' }),
    preflight: PreflightReport.nullable().meta({
      description: 'The DNS pre-flight, when the request runs it.',
    }),
    certificate: CertificatePreview.nullable(),
  })
  .meta({ id: 'DryRun' });

export type DryRunView = z.output<typeof DryRun>;
export type OssCallPreviewView = z.output<typeof OssCallPreview>;
export type CertificatePreviewView = z.output<typeof CertificatePreview>;
