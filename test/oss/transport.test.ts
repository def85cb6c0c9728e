import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OssClient, type OssClientOptions } from '../../src/oss/client.ts';
import { OssError, OssResponseTooLargeError, OssTimeoutError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/index.ts';
import type { OssAttemptEvent } from '../../src/oss/types.ts';
import { type Handler, sendXml, startServer, type TestServer } from './helpers/http-server.ts';

const LIST_OK = '<ListCnameResult><Bucket>examplebucket</Bucket><Owner>1</Owner></ListCnameResult>';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function makeClient(endpoint: string, options: Partial<OssClientOptions> = {}): OssClient {
  const client = new OssClient({
    region: 'cn-hangzhou',
    endpoint,
    credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
    retry: { sleep: async () => {}, ...options.retry },
    ...options,
  });
  cleanups.push(() => client.close());
  return client;
}

async function httpServer(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

/** A TCP server that accepts connections and never says anything: a TLS handshake never completes. */
async function silentTcpServer(): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, connections: () => count };
}

describe('timeouts', () => {
  it('connect timeout: the TLS handshake never completes', async () => {
    const tcp = await silentTcpServer();
    const events: OssAttemptEvent[] = [];
    const client = makeClient(`https://127.0.0.1:${tcp.port}`, {
      connectTimeoutMs: 100,
      retry: { maxAttempts: 2, sleep: async () => {} },
      observer: { onAttempt: (e) => events.push(e) },
    });
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssTimeoutError);
    expect(err).toMatchObject({ code: 'ConnectTimeout', requestSent: false, timeoutMs: 100 });
    expect(events.map((e) => [e.code, e.willRetry])).toEqual([
      ['ConnectTimeout', true],
      ['ConnectTimeout', false],
    ]);
    expect(tcp.connections()).toBe(2);
  });

  it('read timeout: the server never answers', async () => {
    const server = await httpServer(() => {});
    const client = makeClient(server.origin, { readTimeoutMs: 100, retry: { maxAttempts: 1 } });
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssTimeoutError);
    expect(err).toMatchObject({ code: 'ReadTimeout', requestSent: true });
    expect(server.requests).toHaveLength(1);
  });

  it('read timeout: the body stalls after the headers', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': '500' });
      res.write('<ListCnameResult>');
    });
    const client = makeClient(server.origin, { readTimeoutMs: 100, retry: { maxAttempts: 1 } });
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).rejects.toMatchObject({
      code: 'ReadTimeout',
    });
  });

  it('read timeouts are retried like network errors', async () => {
    let calls = 0;
    const server = await httpServer((_req, res) => {
      if (calls++ === 0) return;
      sendXml(res, 200, LIST_OK);
    });
    const client = makeClient(server.origin, { readTimeoutMs: 100 });
    await client.invoke(listCname, { bucket: 'examplebucket' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('response size limit', () => {
  const big = `<ListCnameResult><Owner>${'x'.repeat(4096)}</Owner></ListCnameResult>`;

  it('refuses a declared Content-Length over the limit', async () => {
    const server = await httpServer((_req, res) => sendXml(res, 200, big));
    const client = makeClient(server.origin, { maxResponseBytes: 1024 });
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssResponseTooLargeError);
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      for (let i = 0; i < 8; i++) res.write('x'.repeat(512));
      res.end();
    });
    const client = makeClient(server.origin, { maxResponseBytes: 1024 });
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).rejects.toMatchObject({
      code: 'ResponseTooLarge',
    });
  });
});

describe('connections', () => {
  it('reuses keep-alive connections across calls', async () => {
    const server = await httpServer((_req, res) => sendXml(res, 200, LIST_OK));
    let connections = 0;
    server.server.on('connection', () => connections++);
    const client = makeClient(server.origin);
    for (let i = 0; i < 5; i++) await client.invoke(listCname, { bucket: 'examplebucket' });
    expect(server.requests).toHaveLength(5);
    // undici may open a second socket when a call is dispatched in the tick the previous one is released.
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('close() closes the pools; later calls fail with ClientClosed', async () => {
    const server = await httpServer((_req, res) => sendXml(res, 200, LIST_OK));
    const client = makeClient(server.origin);
    await client.invoke(listCname, { bucket: 'examplebucket' });
    await client.close();
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssError);
    expect((err as OssError).code).toBe('ClientClosed');
    expect(server.requests).toHaveLength(1);
  });
});
