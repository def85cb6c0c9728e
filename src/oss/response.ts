import { decodeErrorBody } from './codec/error.ts';
import {
  BODY_SNIPPET_LIMIT,
  OssBadErrorResponseError,
  OssResponseParseError,
  OssServiceError,
} from './errors.ts';
import type { OssResponseMeta } from './types.ts';
import { parseXml, type XmlElement, XmlError } from './xml.ts';

/** A complete HTTP response as the transport hands it over; header names are lower-case. */
export interface OssHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function responseMeta(res: OssHttpResponse): OssResponseMeta {
  return { status: res.status, requestId: res.headers['x-oss-request-id'] ?? '' };
}

function snippet(body: Buffer): string {
  return body
    .subarray(0, BODY_SNIPPET_LIMIT * 4)
    .toString('utf8')
    .slice(0, BODY_SNIPPET_LIMIT);
}

/**
 * Turns a non-2xx response into an error. The body is OSS error XML in the normal case; HEAD answers carry
 * it base64-encoded in `x-oss-err` instead. RequestId and EC fall back to the `x-oss-request-id` and
 * `x-oss-ec` headers when the body lacks them.
 */
export function responseError(
  res: OssHttpResponse,
  operation: string,
): OssServiceError | OssBadErrorResponseError {
  const headerRequestId = res.headers['x-oss-request-id'] ?? '';
  const headerEc = res.headers['x-oss-ec'] ?? '';
  const common = { status: res.status, operation, headers: res.headers };
  let xml: Buffer = res.body;
  const encoded = res.headers['x-oss-err'];
  if (xml.length === 0 && encoded) xml = Buffer.from(encoded, 'base64');
  const bad = (reason: string) =>
    new OssBadErrorResponseError({
      ...common,
      requestId: headerRequestId,
      ec: headerEc,
      bodySnippet: snippet(res.body),
      reason,
    });
  if (xml.length === 0) return bad('empty body');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    return bad(err instanceof XmlError ? err.message : 'unreadable body');
  }
  const body = decodeErrorBody(root);
  if (!body) return bad(`root <${root.name}> is not an OSS <Error> with a Code`);
  return new OssServiceError({
    ...common,
    code: body.code,
    message: body.message,
    requestId: body.requestId || headerRequestId,
    ec: body.ec || headerEc,
    hostId: body.hostId,
    fields: body.fields,
  });
}

/** Parses a 2xx XML body and checks its root element. */
export function readXml(res: OssHttpResponse, operation: string, expectedRoot: string): XmlElement {
  const init = { operation, status: res.status, requestId: res.headers['x-oss-request-id'] ?? '' };
  let root: XmlElement;
  try {
    root = parseXml(res.body);
  } catch (err) {
    if (err instanceof XmlError) throw new OssResponseParseError(err.code, { ...init, detail: err.message });
    throw err;
  }
  if (root.name !== expectedRoot) {
    throw new OssResponseParseError('UnexpectedXmlRoot', {
      ...init,
      detail: `expected <${expectedRoot}>, got <${root.name}>`,
    });
  }
  return root;
}

/** The parse of an operation answered with an XML document: the response meta plus what `decode` reads. */
export function xmlResult<T>(
  operation: string,
  expectedRoot: string,
  decode: (root: XmlElement) => T,
): (res: OssHttpResponse) => OssResponseMeta & T {
  return (res) => ({ ...responseMeta(res), ...decode(readXml(res, operation, expectedRoot)) });
}
