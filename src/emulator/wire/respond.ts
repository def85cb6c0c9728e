// Puts OSS answers on the wire with the headers every OSS response carries (protocol §1, §3):
// x-oss-request-id (24 upper-case hex), Date from the emulator's clock, Server, Content-Length,
// Connection, x-oss-server-time, Content-Type when there is a body, and x-oss-ec on errors.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { httpDate } from './dates.ts';
import { errorXml, type OssErrorReply } from './oss-error.ts';

/** 24 upper-case hex characters; randomUUID draws from a cached entropy pool, randomBytes would not. */
export function newRequestId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 24).toUpperCase();
}

export interface ResponseMeta {
  requestId: string;
  /** Emulator time, for the Date header clients correct their clock from. */
  now: number;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

export function sendOss(
  res: ServerResponse,
  meta: ResponseMeta,
  status: number,
  body: string | undefined,
  extra: Readonly<Record<string, string>> = {},
): void {
  const text = body ?? '';
  const headers: Record<string, string> = {
    Server: 'AliyunOSS',
    Date: httpDate(meta.now),
  };
  if (body !== undefined) headers['Content-Type'] = 'application/xml';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  // Node decides keep-alive from the request; the header only states what it will do.
  headers.Connection = res.shouldKeepAlive ? 'keep-alive' : 'close';
  headers['x-oss-request-id'] = meta.requestId;
  headers['x-oss-server-time'] = String(Math.max(0, Math.round(performance.now() - meta.startedAt)));
  Object.assign(headers, extra);
  res.writeHead(status, headers);
  // A string body goes out in one write together with the head; a Buffer would take a writev.
  res.end(text, 'utf8');
}

export function sendOssError(
  res: ServerResponse,
  meta: ResponseMeta,
  error: OssErrorReply,
  hostId: string,
): void {
  sendOss(res, meta, error.status, errorXml(error, meta.requestId, hostId), {
    'x-oss-ec': error.ec,
    ...error.headers,
  });
}
