// One OSS request from routing to result, in the order OSS checks things: the bucket exists, the
// endpoint is the bucket's, the signature is valid, the caller owns the bucket and may call the
// operation, the body is intact; then the operation itself.

import { createHash } from 'node:crypto';
import { authenticate, type Requester } from '../auth/authenticate.ts';
import { actionDenied, bucketNotYours, wrongEndpoint } from '../auth/errors.ts';
import type { OperationName } from '../operations.ts';
import type { SeedBucket } from '../seed/schema.ts';
import type { EmulatorState } from '../state/store.ts';
import { type Address, resolveAddress } from '../wire/addressing.ts';
import type { OssRequest } from '../wire/request.ts';
import { invalidDigest, noSuchBucket, unknownOperation } from '../wire/request-errors.ts';
import { getBucketInfo, getBucketLocation } from './bucket-info.ts';
import { deleteCname, listCname } from './cname-list.ts';
import { createCnameToken, getCnameToken } from './cname-token.ts';
import type { BucketContext, OpResult } from './context.ts';
import { listBuckets } from './list-buckets.ts';
import type { TxtLookup } from './ownership.ts';
import { putCname } from './put-cname.ts';
import { identifyOperation } from './router.ts';

export interface PipelineDeps {
  state: EmulatorState;
  now(): number;
  txtLookup: TxtLookup;
  endpointHosts: ReadonlySet<string>;
}

export interface Routed {
  address: Address;
  operation: OperationName | undefined;
}

type BucketHandler = (ctx: BucketContext) => OpResult | Promise<OpResult>;

const BUCKET_HANDLERS: Partial<Record<OperationName, BucketHandler>> = {
  CreateCnameToken: createCnameToken,
  GetCnameToken: getCnameToken,
  PutCname: putCname,
  ListCname: listCname,
  DeleteCname: deleteCname,
  GetBucketLocation: getBucketLocation,
  GetBucketInfo: getBucketInfo,
};

export function routeRequest(req: OssRequest, deps: PipelineDeps): Routed {
  const address = resolveAddress(req.hostname, req.path, {
    endpointHosts: deps.endpointHosts,
    boundBucket: (domain) => deps.state.binding(domain)?.bucket,
  });
  return { address, operation: identifyOperation(req, address) };
}

function checkContentMd5(req: OssRequest): void {
  const provided = req.headers.get('content-md5');
  if (provided === undefined) return;
  if (createHash('md5').update(req.body).digest('base64') !== provided) throw invalidDigest(provided);
}

function checkAllowed(
  principal: Requester,
  operation: OperationName | undefined,
  method: string,
): OperationName {
  if (operation === undefined) throw unknownOperation(method);
  if (principal.key.deniedActions?.includes(operation)) throw actionDenied(operation);
  return operation;
}

/** GetBucketLocation answers from any region: it is how clients find the right one. */
function checkRegion(
  bucket: SeedBucket,
  operation: OperationName | undefined,
  region: string | undefined,
): void {
  if (operation === 'GetBucketLocation' || region === undefined || region === bucket.region) return;
  throw wrongEndpoint(bucket.name, bucket.region);
}

export async function runPipeline(req: OssRequest, routed: Routed, deps: PipelineDeps): Promise<OpResult> {
  const { address, operation } = routed;
  const now = deps.now();
  const { state } = deps;
  if (address.kind === 'service') {
    const principal = authenticate(state, { ...req, bucket: undefined, key: '', operation, now });
    checkAllowed(principal, operation, req.method);
    checkContentMd5(req);
    return listBuckets({ state, request: req, principal, now });
  }
  const bucket = state.bucket(address.bucket);
  if (!bucket) throw noSuchBucket(address.bucket);
  checkRegion(bucket, operation, address.hostRegion);
  const principal = authenticate(state, { ...req, bucket: bucket.name, key: address.key, operation, now });
  checkRegion(bucket, operation, principal.scopeRegion);
  if (principal.account.id !== bucket.owner) throw bucketNotYours();
  const op = checkAllowed(principal, operation, req.method);
  checkContentMd5(req);
  const handler = BUCKET_HANDLERS[op];
  if (!handler) throw unknownOperation(req.method);
  return handler({
    state,
    request: req,
    principal,
    now,
    bucket,
    txtLookup: deps.txtLookup,
    icp: state.seed.icp,
    riskyDomains: state.seed.riskyDomains ?? [],
  });
}
