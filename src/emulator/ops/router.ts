// Which operation a request is: bucket-level ones by method and sub-resource (protocol §2), the service
// level GET / as ListBuckets. `cname` and `cname=` are the same sub-resource.

import type { OperationName } from '../operations.ts';
import type { Address } from '../wire/addressing.ts';
import { hasQuery, type OssRequest, queryValue } from '../wire/request.ts';

function cnameOperation(method: string, comp: string | undefined): OperationName | undefined {
  if (method === 'GET')
    return comp === undefined ? 'ListCname' : comp === 'token' ? 'GetCnameToken' : undefined;
  if (method !== 'POST') return undefined;
  if (comp === 'token') return 'CreateCnameToken';
  if (comp === 'add') return 'PutCname';
  if (comp === 'delete') return 'DeleteCname';
  return undefined;
}

export function identifyOperation(req: OssRequest, address: Address): OperationName | undefined {
  if (address.kind === 'service') return req.method === 'GET' ? 'ListBuckets' : undefined;
  if (address.key !== '') return undefined;
  const comp = queryValue(req.query, 'comp');
  // GetCnameToken carries the domain as the value of `cname`; without it, it is still that operation
  // (and fails with InvalidArgument) rather than ListCname.
  if (req.method === 'GET' && comp === 'token') return 'GetCnameToken';
  if (hasQuery(req.query, 'cname')) return cnameOperation(req.method, comp);
  if (req.method !== 'GET') return undefined;
  if (hasQuery(req.query, 'location')) return 'GetBucketLocation';
  if (hasQuery(req.query, 'bucketInfo')) return 'GetBucketInfo';
  return undefined;
}
