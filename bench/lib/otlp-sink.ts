import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// An OTLP/HTTP endpoint on 127.0.0.1 that reads every export and drops it: the tracing row and the traced
// profile export to it, so they measure making and sending spans, not a collector.

export interface OtlpSink {
  server: Server;
  url: string;
  /** How many export requests it took. */
  exports: () => number;
}

export async function startOtlpSink(): Promise<OtlpSink> {
  let exports = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      exports++;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, exports: () => exports };
}
