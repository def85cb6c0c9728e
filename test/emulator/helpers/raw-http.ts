// Sends exact request bytes over a TCP socket and reads one HTTP/1.1 response, for replaying recorded
// SDK requests byte for byte (undici would normalize headers and targets).

import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

export function rawExchange(port: number, request: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end === -1) return;
      const { status, headers } = parseHead(data.subarray(0, end).toString('latin1'));
      const length = Number(headers['content-length'] ?? 0);
      const body = data.subarray(end + 4);
      if (body.length < length) return;
      socket.end();
      resolve({ status, headers, body: body.subarray(0, length).toString('utf8') });
    });
    socket.write(request);
  });
}

/** Request line, headers in their recorded order, blank line, body. */
export function requestBytes(
  requestLine: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: Buffer,
): Buffer {
  const head = [requestLine, ...headers.map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** What a signed request needs on the wire; BuiltRequest from src/oss has this shape. */
export interface WireRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  /** The Host header, unless `headers` names one. */
  host: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
}

/** Sends a request to the server at `url` whatever host it names, byte for byte as given. */
export function sendWire(url: string, req: WireRequest): Promise<RawResponse> {
  const names = Object.keys(req.headers).map((k) => k.toLowerCase());
  const headers: Array<[string, string]> = [];
  if (!names.includes('host')) headers.push(['Host', req.host]);
  headers.push(...Object.entries(req.headers));
  const body = req.body ?? Buffer.alloc(0);
  if (!names.includes('content-length') && body.length > 0) {
    headers.push(['Content-Length', String(body.length)]);
  }
  const port = Number(new URL(url).port);
  return rawExchange(port, requestBytes(`${req.method} ${req.target} HTTP/1.1`, headers, body));
}
