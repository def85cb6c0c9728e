import { createHash } from 'node:crypto';
import { type RequestTarget, type ResolvedEndpoint, requestTarget, validateBucketName } from './endpoint.ts';
import type { OperationSpec } from './operations/spec.ts';
import {
  type SignableRequest,
  type SigningCredentials,
  serializeQuery,
  signV1,
  signV4,
} from './signer/index.ts';

export type SignatureVersion = 'v4' | 'v1';

/** Everything besides the operation input that decides the bytes of a request. */
export interface RequestContext {
  endpoint: ResolvedEndpoint;
  /** General region id for the V4 scope. */
  region: string;
  product: string;
  signatureVersion: SignatureVersion;
  credentials: SigningCredentials;
  signingTime: Date;
  userAgent: string;
}

/** A signed request, ready for the transport; also what the wire tests compare with the recordings. */
export interface BuiltRequest extends RequestTarget {
  operation: string;
  method: string;
  /** Encoded query as sent, without `?`: `cname=&comp=add`. */
  rawQuery: string;
  /** Request target: path plus `?query` when there is one. */
  target: string;
  url: string;
  /** Header names as the official SDKs spell them; Host is implied by `origin`. */
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const EMPTY = Buffer.alloc(0);

/** Client-side checks; throws OssValidationError before anything is signed or sent. */
export function validateInput<I, O>(op: OperationSpec<I, O>, input: I): void {
  const bucket = op.bucket(input);
  if (bucket !== undefined) validateBucketName(bucket);
  op.validate?.(input);
}

export function contentMd5(body: Buffer): string {
  return createHash('md5').update(body).digest('base64');
}

export function buildRequest<I, O>(op: OperationSpec<I, O>, input: I, ctx: RequestContext): BuiltRequest {
  validateInput(op, input);
  const bucket = op.bucket(input);
  const query = op.query(input);
  const xml = op.body?.(input);
  const body = xml === undefined ? undefined : Buffer.from(xml, 'utf8');
  // Same header order as the Python SDK puts on the wire; the signer appends its own after these.
  const headers: Record<string, string> = {
    'User-Agent': ctx.userAgent,
    'Content-Type': op.contentType,
    'Content-MD5': contentMd5(body ?? EMPTY),
  };
  const signable: SignableRequest = { method: op.method, bucket, query, headers };
  if (ctx.signatureVersion === 'v1') {
    signV1(signable, ctx.credentials, { signingTime: ctx.signingTime, subResources: op.subResources });
  } else {
    signV4(signable, ctx.credentials, {
      region: ctx.region,
      product: ctx.product,
      signingTime: ctx.signingTime,
    });
  }
  // The SDKs send Content-Length only when there is a body; GETs go without it.
  if (body && body.length > 0) headers['Content-Length'] = String(body.length);
  const target = requestTarget(ctx.endpoint, bucket);
  const rawQuery = serializeQuery(query);
  const requestPath = rawQuery === '' ? target.path : `${target.path}?${rawQuery}`;
  return {
    ...target,
    operation: op.name,
    method: op.method,
    rawQuery,
    target: requestPath,
    url: `${target.origin}${requestPath}`,
    headers,
    body,
  };
}
