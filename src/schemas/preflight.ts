// The DNS pre-flight report as callers read it: in GET …/checks, in a bind's answer, in dns-not-ready
// problems and in dry runs.
import { z } from 'zod';
import { ACME_CHALLENGE_CHECK_IDS, PREFLIGHT_CHECK_IDS } from '../dns/preflight/types.ts';
import { DnsRecord } from './cname-token.ts';
import { bucketName } from './common.ts';

const CheckStatus = z.enum(['pass', 'fail', 'pending']);

export const PreflightCheck = z
  .object({
    id: z.enum([...PREFLIGHT_CHECK_IDS, ...ACME_CHALLENGE_CHECK_IDS]).meta({
      description:
        "`ownership-txt`: TXT _dnsauth.<domain> holds the live token; `txt-doubled-suffix`: the record was not typed with the zone twice; `cname-target`: the CNAME leads to this bucket; `cname-chain`: not through another custom domain; `address-conflict`: no A/AAAA records in the way; managed certificates only: `acme-challenge-cname`: _acme-challenge.<domain> is a CNAME to the service's label, `acme-challenge-txt`: no TXT records of its own there.",
    }),
    status: CheckStatus,
    summary: z.string().meta({ description: 'What was seen.' }),
    fix: z.string().meta({ description: 'One line: what to do (`Nothing to do.` when it passes).' }),
    observed: z.record(z.string(), z.unknown()).optional().meta({ description: 'The answers behind it.' }),
    ttl: z.int().optional().meta({
      description:
        'Seconds resolvers may keep showing the current state once fixed (record or negative TTL).',
    }),
  })
  .meta({ id: 'PreflightCheck' });

export type PreflightCheck = z.output<typeof PreflightCheck>;

export const NameServer = z.object({ host: z.string(), addresses: z.array(z.string()) });

export type NameServer = z.output<typeof NameServer>;

export const PreflightReport = z
  .object({
    domain: z.string(),
    verdict: CheckStatus.meta({
      description: '`fail` if any check fails, else `pending` if any is, else `pass`.',
    }),
    retryAfterSeconds: z.int().optional().meta({
      description: 'When asking again makes sense: the longest TTL among the checks that did not pass.',
    }),
    zone: z
      .object({ name: z.string(), nameServers: z.array(NameServer) })
      .optional()
      .meta({ description: "The domain's zone and name servers, as DNS shows them." }),
    checks: z.array(PreflightCheck),
  })
  .meta({ id: 'PreflightReport' });

export type PreflightReport = z.output<typeof PreflightReport>;

export const DomainChecks = PreflightReport.extend({
  bucket: bucketName,
  bound: z.boolean().meta({ description: 'Whether the domain is bound to this bucket already.' }),
  cnameTarget: z.string().meta({ example: 'examplebucket.oss-cn-hangzhou.aliyuncs.com' }),
  dnsRecords: z.array(DnsRecord).meta({
    description:
      'The TXT record to publish (from the live token); empty when the domain is bound or no token is live.',
  }),
}).meta({ id: 'DomainChecks' });

export type DomainChecksView = z.output<typeof DomainChecks>;
