// GetBucketLocation, GetBucketInfo and ListBuckets (protocol §2.7): what the service needs for region
// discovery and for the CNAME target `<bucket>.<ExtranetEndpoint>`.

import type { SeedAccount, SeedBucket } from '../seed/schema.ts';
import { isoDate } from '../wire/dates.ts';
import { type XmlNode, xmlDocument } from '../wire/xml-writer.ts';
import type { BucketContext, OpResult } from './context.ts';

/** Buckets without a seeded creation date all share this one, so answers stay reproducible. */
const DEFAULT_CREATION_DATE = Date.UTC(2024, 0, 1);

export function bucketFacts(bucket: SeedBucket) {
  return {
    location: `oss-${bucket.region}`,
    extranetEndpoint: `oss-${bucket.region}.aliyuncs.com`,
    intranetEndpoint: `oss-${bucket.region}-internal.aliyuncs.com`,
    creationDate: isoDate(bucket.creationDate ? Date.parse(bucket.creationDate) : DEFAULT_CREATION_DATE),
    storageClass: bucket.storageClass ?? 'Standard',
  };
}

export function ownerXml(account: SeedAccount | undefined, id: string): XmlNode {
  return [
    'Owner',
    [
      ['DisplayName', account?.displayName ?? id],
      ['ID', id],
    ],
  ];
}

export function getBucketLocation(ctx: BucketContext): OpResult {
  return { status: 200, body: xmlDocument(['LocationConstraint', `oss-${ctx.bucket.region}`]) };
}

export function getBucketInfo(ctx: BucketContext): OpResult {
  const { bucket } = ctx;
  const facts = bucketFacts(bucket);
  const info: XmlNode[] = [
    ['AccessMonitor', 'Disabled'],
    ['CreationDate', facts.creationDate],
    ['ExtranetEndpoint', facts.extranetEndpoint],
    ['IntranetEndpoint', facts.intranetEndpoint],
    ['Location', facts.location],
    ['StorageClass', facts.storageClass],
    ['DataRedundancyType', 'LRS'],
    ['TransferAcceleration', 'Disabled'],
    ['CrossRegionReplication', 'Disabled'],
    ['Name', bucket.name],
    ['ResourceGroupId', 'rg-default'],
    ownerXml(ctx.state.account(bucket.owner), bucket.owner),
    ['AccessControlList', [['Grant', 'private']]],
    ['ServerSideEncryptionRule', [['SSEAlgorithm', 'None']]],
    [
      'BucketPolicy',
      [
        ['LogBucket', ''],
        ['LogPrefix', ''],
      ],
    ],
    ['Comment', ''],
    ['BlockPublicAccess', 'false'],
  ];
  return { status: 200, body: xmlDocument(['BucketInfo', [['Bucket', info]]]) };
}
