// Requests signed by src/oss but sent raw (helpers/raw-http.ts), for what the typed client must not or
// cannot send: tampered or missing signatures, presigned URLs, AdditionalHeaders, object keys, other
// hosts. The bytes start as the client's own (buildRequest); answers come back unparsed.

import {
  type BuiltRequest,
  buildRequest,
  type Credentials,
  contentMd5,
  type OperationSpec,
  resolveEndpoint,
  type SignatureVersion,
  userAgent,
} from '../../../src/oss/index.ts';
import {
  canonicalUriV4,
  DEFAULT_PRODUCT,
  presignV1,
  presignV4,
  type QueryPairs,
  type SignableRequest,
  serializeQuery,
  signV4,
} from '../../../src/oss/signer/index.ts';

export interface SignOptions {
  credentials: Credentials;
  /** Default cn-hangzhou. */
  region?: string;
  signatureVersion?: SignatureVersion;
  signingTime?: Date;
  /** Virtual-hosted: Host `<bucket>.oss-<region>.aliyuncs.com` instead of path style on `url`. */
  virtualHosted?: boolean;
}

/** The request the OssClient would send for `op`, signed, ready to be changed and sent with sendWire. */
export function built<I, O>(url: string, op: OperationSpec<I, O>, input: I, opts: SignOptions): BuiltRequest {
  const region = opts.region ?? 'cn-hangzhou';
  return buildRequest(op, input, {
    endpoint: resolveEndpoint({ region, endpoint: opts.virtualHosted ? undefined : url }),
    region,
    product: DEFAULT_PRODUCT,
    signatureVersion: opts.signatureVersion ?? 'v4',
    credentials: opts.credentials,
    signingTime: opts.signingTime ?? new Date(),
    userAgent: userAgent(),
  });
}

export interface SignerRequest {
  method: 'GET' | 'POST';
  bucket: string;
  key?: string;
  query: QueryPairs;
}

function signable(req: SignerRequest): SignableRequest {
  const headers = { 'Content-Type': 'application/xml', 'Content-MD5': contentMd5(Buffer.alloc(0)) };
  return { method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers };
}

function wire(
  url: string,
  req: SignerRequest,
  query: SignableRequest['query'],
  headers: Record<string, string>,
) {
  const qs = serializeQuery(query);
  const path = canonicalUriV4(req.bucket, req.key);
  return { method: req.method, target: qs ? `${path}?${qs}` : path, host: new URL(url).host, headers };
}

/** Header-mode V4 through the signer itself, for what OperationSpec cannot say (object keys, AdditionalHeaders). */
export function signedV4(
  url: string,
  req: SignerRequest,
  opts: SignOptions & { additionalHeaders?: string[]; headers?: Record<string, string> },
) {
  const s = signable(req);
  Object.assign(s.headers, opts.headers);
  signV4(s, opts.credentials, {
    region: opts.region ?? 'cn-hangzhou',
    signingTime: opts.signingTime ?? new Date(),
    additionalHeaders: opts.additionalHeaders,
  });
  return wire(url, req, s.query, s.headers);
}

/** A presigned URL (V4 or V1 query signing), valid 15 minutes from the signing time. */
export function presigned(
  url: string,
  req: SignerRequest,
  opts: SignOptions & {
    version: 'v4' | 'v1';
    additionalHeaders?: string[];
    headers?: Record<string, string>;
  },
) {
  const s = signable(req);
  Object.assign(s.headers, opts.headers);
  const signingTime = opts.signingTime ?? new Date();
  const query =
    opts.version === 'v4'
      ? presignV4(s, opts.credentials, {
          region: opts.region ?? 'cn-hangzhou',
          signingTime,
          expiresSeconds: 900,
          additionalHeaders: opts.additionalHeaders,
        }).query
      : presignV1(s, opts.credentials, {
          expires: new Date(signingTime.getTime() + 900_000),
          subResources: ['cname', 'comp'],
        }).query;
  return wire(url, req, query, s.headers);
}
