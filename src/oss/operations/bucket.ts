import { decodeBucketInfo, decodeListBuckets, decodeLocation } from '../codec/bucket.ts';
import { OssValidationError } from '../errors.ts';
import { xmlResult } from '../response.ts';
import type { QueryPairs } from '../signer/index.ts';
import type {
  BucketInfo,
  BucketInput,
  BucketLocation,
  ListBucketsInput,
  ListBucketsResult,
  OssResponseMeta,
} from '../types.ts';
import type { XmlElement } from '../xml.ts';
import { CONTENT_TYPE_DEFAULT, type OperationSpec } from './spec.ts';

// Region discovery and bucket listing. These send application/octet-stream as the Go SDK does (the derived
// vectors are signed with it); `location` and `bucketInfo` are in the V1 signer's fixed whitelist.

/** GET /?<subResource> on one bucket, answered with an XML document under `root`. */
function bucketGet<T>(
  name: string,
  subResource: string,
  root: string,
  decode: (root: XmlElement) => T,
): OperationSpec<BucketInput, OssResponseMeta & T> {
  return {
    name,
    method: 'GET',
    contentType: CONTENT_TYPE_DEFAULT,
    bucket: (input) => input.bucket,
    query: () => [[subResource, '']],
    parse: xmlResult(name, root, decode),
  };
}

export const getBucketLocation: OperationSpec<BucketInput, BucketLocation> = bucketGet(
  'GetBucketLocation',
  'location',
  'LocationConstraint',
  decodeLocation,
);

export const getBucketInfo: OperationSpec<BucketInput, BucketInfo> = bucketGet(
  'GetBucketInfo',
  'bucketInfo',
  'BucketInfo',
  decodeBucketInfo,
);

function listBucketsQuery(input: ListBucketsInput): QueryPairs {
  // Sorted like Go's url.Values.Encode; only the parameters given are sent.
  const pairs: Array<readonly [string, string]> = [];
  if (input.marker !== undefined) pairs.push(['marker', input.marker]);
  if (input.maxKeys !== undefined) pairs.push(['max-keys', String(input.maxKeys)]);
  if (input.prefix !== undefined) pairs.push(['prefix', input.prefix]);
  return pairs;
}

export const listBuckets: OperationSpec<ListBucketsInput, ListBucketsResult> = {
  name: 'ListBuckets',
  method: 'GET',
  contentType: CONTENT_TYPE_DEFAULT,
  bucket: () => undefined,
  query: listBucketsQuery,
  validate: (input) => {
    const n = input.maxKeys;
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000)) {
      throw new OssValidationError('maxKeys', 'maxKeys must be an integer from 1 to 1000');
    }
  },
  parse: xmlResult('ListBuckets', 'ListAllMyBucketsResult', decodeListBuckets),
};
