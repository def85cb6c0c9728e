import { generalRegion } from '../endpoint.ts';
import type { BucketSummary } from '../types.ts';
import { childBool, childElements, childText, firstChild, type XmlElement } from '../xml.ts';
import { ossDate } from './dates.ts';

/** `<LocationConstraint>oss-cn-hangzhou</LocationConstraint>`: the root carries the value. */
export function decodeLocation(root: XmlElement): { location: string; region: string } {
  return { location: root.text, region: generalRegion(root.text) };
}

export interface BucketInfoBody {
  name: string;
  location: string;
  region: string;
  extranetEndpoint: string;
  intranetEndpoint: string;
  creationDate: ReturnType<typeof ossDate>;
  storageClass: string | undefined;
  ownerId: string;
  ownerDisplayName: string;
}

/** `<BucketInfo><Bucket>…</Bucket></BucketInfo>`; only the fields the service uses are read. */
export function decodeBucketInfo(root: XmlElement): BucketInfoBody {
  const bucket = firstChild(root, 'Bucket');
  const owner = firstChild(bucket, 'Owner');
  const location = childText(bucket, 'Location') ?? '';
  return {
    name: childText(bucket, 'Name') ?? '',
    location,
    region: generalRegion(location),
    extranetEndpoint: childText(bucket, 'ExtranetEndpoint') ?? '',
    intranetEndpoint: childText(bucket, 'IntranetEndpoint') ?? '',
    creationDate: ossDate(childText(bucket, 'CreationDate')),
    storageClass: childText(bucket, 'StorageClass'),
    ownerId: childText(owner, 'ID') ?? '',
    ownerDisplayName: childText(owner, 'DisplayName') ?? '',
  };
}

export interface ListBucketsBody {
  buckets: BucketSummary[];
  isTruncated: boolean;
  nextMarker: string | undefined;
  ownerId: string;
}

function decodeBucketSummary(el: XmlElement): BucketSummary {
  const location = childText(el, 'Location') ?? '';
  const region = childText(el, 'Region');
  return {
    name: childText(el, 'Name') ?? '',
    location,
    region: region !== undefined && region !== '' ? region : generalRegion(location),
    creationDate: ossDate(childText(el, 'CreationDate')),
    extranetEndpoint: childText(el, 'ExtranetEndpoint'),
    intranetEndpoint: childText(el, 'IntranetEndpoint'),
    storageClass: childText(el, 'StorageClass'),
  };
}

/** `<ListAllMyBucketsResult>`: buckets sit under a `<Buckets>` wrapper, unlike ListCname's entries. */
export function decodeListBuckets(root: XmlElement): ListBucketsBody {
  const nextMarker = childText(root, 'NextMarker');
  return {
    buckets: childElements(firstChild(root, 'Buckets'), 'Bucket').map(decodeBucketSummary),
    isTruncated: childBool(root, 'IsTruncated'),
    nextMarker: nextMarker === '' ? undefined : nextMarker,
    ownerId: childText(firstChild(root, 'Owner'), 'ID') ?? '',
  };
}
