import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** Request target as sent: path and raw query. */
  url: string;
  /** Lower-cased names; repeated headers joined by `, `. */
  headers: Record<string, string>;
  /** Names in the order they arrived, as sent. */
  rawHeaderNames: string[];
  body: Buffer;
}

/** Return values are ignored; a handler may leave the response open to simulate a silent server. */
export type Handler = (req: ReceivedRequest, res: ServerResponse) => unknown;

export interface TestServer {
  server: Server;
  port: number;
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

async function receive(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const rawHeaderNames = req.rawHeaders.filter((_, i) => i % 2 === 0);
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    headers,
    rawHeaderNames,
    body: Buffer.concat(chunks),
  };
}

/** A real HTTP server on 127.0.0.1 with an ephemeral port that records every request it gets. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    receive(req)
      .then(async (received) => {
        requests.push(received);
        await handler(received, res);
      })
      .catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends an OSS-style XML answer. */
export function sendXml(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/xml',
    'x-oss-request-id': '5C1B138A109F4E405B2D0001',
    ...headers,
  });
  res.end(body);
}

export function ossErrorXml(code: string, message: string, extra: Record<string, string> = {}): string {
  const more = Object.entries(extra)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>5C1B138A109F4E405B2D0001</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId>${more}</Error>`;
}
