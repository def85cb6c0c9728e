// The seed: accounts with access keys, buckets, and the CAS certificates PutCname may reference.
// Validated with zod so a typo in a hand-written seed file fails with a message naming the field.

import { z } from 'zod';
import { OPERATION_NAMES } from '../operations.ts';

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]+$/;
/** `<id>-<region>` as CAS prints it, shorter than 64 bytes (protocol §2.4). */
const CAS_ID = /^[^\s/]+-[a-z]+-[a-z0-9-]+$/;

const date = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date such as 2025-01-31T00:00:00Z');

const accessKeySchema = z.strictObject({
  id: z.string().regex(/^[^\s/:]+$/, 'access key ids hold no whitespace, "/" or ":"'),
  secret: z.string().min(1),
  /** When set, the key is an STS key: requests must carry this `x-oss-security-token`. */
  securityToken: z.string().min(1).optional(),
  /** Operations this key is refused with AccessDenied, as if a RAM policy denied them. */
  deniedActions: z.array(z.enum(OPERATION_NAMES)).optional(),
});

const accountSchema = z.strictObject({
  id: z.string().regex(/^\d{1,32}$/, 'account ids are decimal digits'),
  displayName: z.string().min(1).optional(),
  accessKeys: z.array(accessKeySchema),
});

const bucketSchema = z.strictObject({
  name: z.string().regex(BUCKET_NAME, '3-63 characters of a-z, 0-9 and "-", not starting or ending with "-"'),
  /** General region id, `cn-hangzhou` (not `oss-cn-hangzhou`). */
  region: z
    .string()
    .regex(REGION, 'a general region id such as cn-hangzhou')
    .refine((r) => !r.startsWith('oss-'), 'use the general region id (cn-hangzhou), not oss-cn-hangzhou'),
  owner: z.string(),
  creationDate: date.optional(),
  storageClass: z.enum(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']).optional(),
});

const casCertificateSchema = z
  .strictObject({
    id: z
      .string()
      .regex(CAS_ID, 'CAS ids look like 493****-cn-hangzhou (<id>-<region>)')
      .refine((id) => Buffer.byteLength(id) < 64, 'CAS ids are shorter than 64 bytes'),
    owner: z.string(),
    /** PEM; fingerprint and validity are read from it. */
    certificate: z.string().optional(),
    /** Alternatively the values ListCname shows, when no PEM is at hand. */
    fingerprint: z.string().optional(),
    validStartDate: date.optional(),
    validEndDate: date.optional(),
  })
  .refine(
    (c) => c.certificate !== undefined || (c.fingerprint && c.validStartDate && c.validEndDate),
    'give either certificate (PEM) or fingerprint, validStartDate and validEndDate',
  );

/** A domain the account holds in Alibaba Cloud DNS: Alidns record calls may write below it. */
const dnsDomainSchema = z.strictObject({
  name: z
    .string()
    .regex(/^([a-z0-9_-]+\.)+[a-z0-9-]+$/i, 'a domain name such as acme.example.net')
    .transform((n) => n.toLowerCase()),
  owner: z.string(),
});

const icpSchema = z.strictObject({
  /** General region ids where PutCname requires an ICP filing (mainland China in reality). */
  regions: z.array(z.string().regex(REGION)),
  /** Domains with a filing; their subdomains count as filed too. */
  filedDomains: z.array(z.string().min(1)),
});

const seedSchema = z
  .strictObject({
    accounts: z.array(accountSchema).min(1),
    buckets: z.array(bucketSchema),
    casCertificates: z.array(casCertificateSchema).optional(),
    icp: icpSchema.optional(),
    /** Domains PutCname refuses with CnameIsRisk. */
    riskyDomains: z.array(z.string().min(1)).optional(),
    dnsDomains: z.array(dnsDomainSchema).optional(),
  })
  .superRefine((seed, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    /** Adds `value` to `seen`; a second sighting is an issue at `path`. */
    const once = (seen: Set<string>, value: string, path: (string | number)[], what: string) => {
      if (seen.has(value)) issue(path, `duplicate ${what} ${value}`);
      seen.add(value);
    };
    const accounts = new Set<string>();
    const keys = new Set<string>();
    seed.accounts.forEach((account, i) => {
      once(accounts, account.id, ['accounts', i, 'id'], 'account id');
      account.accessKeys.forEach((key, j) => {
        once(keys, key.id, ['accounts', i, 'accessKeys', j, 'id'], 'access key id');
      });
    });
    /** The other lists: each item unique by `key` and owned by a seeded account. */
    const owned = <K extends string, T extends { owner: string } & Record<K, string>>(
      list: string,
      items: readonly T[],
      key: K,
      what: string,
    ) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        once(seen, item[key], [list, i, key], what);
        if (!accounts.has(item.owner)) issue([list, i, 'owner'], `no account ${item.owner}`);
      });
    };
    owned('buckets', seed.buckets, 'name', 'bucket');
    owned('dnsDomains', seed.dnsDomains ?? [], 'name', 'DNS domain');
    owned('casCertificates', seed.casCertificates ?? [], 'id', 'CAS id');
  });

export type Seed = z.infer<typeof seedSchema>;
export type SeedAccount = Seed['accounts'][number];
export type SeedAccessKey = SeedAccount['accessKeys'][number];
export type SeedBucket = Seed['buckets'][number];
export type SeedCasCertificate = NonNullable<Seed['casCertificates']>[number];

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Validates a seed object; throws SeedError listing every problem with its path. */
export function parseSeed(input: unknown, source = 'seed'): Seed {
  const result = seedSchema.safeParse(input);
  if (!result.success) throw new SeedError(`invalid ${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
}
