// Ownership tokens: what a caller sends to get one and the DNS records it must then publish.
import { z } from 'zod';
import { bucketName, domainName } from './common.ts';

export const CreateTokenBody = z.strictObject({ domain: domainName });

export const DnsRecord = z
  .object({
    type: z.literal('TXT'),
    name: z
      .string()
      .meta({ description: 'Fully qualified record name.', example: '_dnsauth.www.example.com' }),
    zone: z.string().meta({
      description:
        'The DNS zone holding the record: as DNS shows it (the SOA owner) when it can tell, else a best guess (the registrable domain); see `zoneSource`.',
      example: 'example.com',
    }),
    zoneSource: z.enum(['dns', 'guess']).meta({
      description:
        '`dns`: the zone was found in DNS; `guess`: DNS could not tell, so the registrable domain is assumed.',
    }),
    host: z.string().meta({
      description: 'Record name relative to `zone`, as DNS consoles ask for it.',
      example: '_dnsauth.www',
    }),
    value: z.string().meta({ description: 'The TXT value: the token itself.' }),
  })
  .meta({ id: 'DnsRecord' });

export const CnameToken = z
  .object({
    bucket: bucketName,
    domain: z.string(),
    token: z.string(),
    expiresAt: z.iso.datetime().nullable().meta({
      description: 'When OSS stops accepting this token (72 hours after creation); null if OSS sent no date.',
    }),
    dnsRecords: z.array(DnsRecord).meta({ description: 'Publish these before binding the domain.' }),
    cnameTarget: z.string().meta({
      description: 'Point the domain (CNAME) here once bound.',
      example: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
    }),
  })
  .meta({ id: 'CnameToken' });

export type CnameTokenView = z.output<typeof CnameToken>;
export type DnsRecordView = z.output<typeof DnsRecord>;
