import {
  canonicalRequestV4,
  lowerHeaders,
  parseAuthorizationV1,
  parseAuthorizationV4,
  parseQuery,
  scopeV4,
  signatureV1,
  signatureV4,
  signingKeyV4,
  stringToSignV1,
  stringToSignV4,
} from '../../../src/oss/signer/index.ts';
import type { ReceivedRequest } from './http-server.ts';

/** What a path-style server learns from a request target: the bucket (if any) and the decoded query. */
function target(req: ReceivedRequest): { bucket: string | undefined; query: ReturnType<typeof parseQuery> } {
  const [path = '/', raw = ''] = req.url.split('?');
  const bucket = path.split('/').filter((p) => p !== '')[0];
  return { bucket, query: parseQuery(raw) };
}

/** Recomputes a received V4 signature the way OSS does; returns the scope region when it matches. */
export function verifyV4(
  req: ReceivedRequest,
  secret: string,
): { ok: boolean; region: string; bucket: string | undefined } {
  const auth = parseAuthorizationV4(req.headers.authorization ?? '');
  const datetime = req.headers['x-oss-date'] ?? '';
  if (!auth) return { ok: false, region: '', bucket: undefined };
  const { bucket, query } = target(req);
  const canonical = canonicalRequestV4({
    method: req.method,
    bucket,
    query,
    headers: lowerHeaders(req.headers),
    additionalHeaders: auth.additionalHeaders,
  });
  const sts = stringToSignV4(datetime, scopeV4(auth.date, auth.region, auth.product), canonical);
  const expected = signatureV4(signingKeyV4(secret, auth.date, auth.region, auth.product), sts);
  return { ok: expected === auth.signature && datetime.startsWith(auth.date), region: auth.region, bucket };
}

/** Recomputes a received V1 signature; CNAME operations declare `cname` and `comp` as sub-resources. */
export function verifyV1(req: ReceivedRequest, secret: string): boolean {
  const auth = parseAuthorizationV1(req.headers.authorization ?? '');
  if (!auth) return false;
  const { bucket, query } = target(req);
  const sts = stringToSignV1({
    method: req.method,
    bucket,
    query,
    headers: lowerHeaders(req.headers),
    date: req.headers.date ?? '',
    operationSubResources: ['cname', 'comp'],
  });
  return signatureV1(secret, sts) === auth.signature;
}
