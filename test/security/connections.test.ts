// Connection hygiene over real sockets (issue F2, F14): a trickled body is cut with a 408 problem, an
// answer sent before its body was read closes the connection, the socket count is bounded, parser-level
// refusals are problem+json with a request id, and SIGTERM with idle or answered sockets exits 0.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';

interface Exchange {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
}

function open(port: number, text = ''): Exchange {
  const socket = connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  // Not events.once: it rejects on 'error', and a reset connection is one of the outcomes under test.
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1'))),
  );
  if (text) socket.write(text);
  return { socket, closed };
}

function parse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function expectProblem(raw: string, status: number, code: string): void {
  const { status: got, headers, body } = parse(raw);
  expect(got).toBe(status);
  expect(headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(body) as { code: string; requestId: string; status: number };
  expect(problem).toMatchObject({ code, status });
  expect(headers['x-request-id']).toBe(problem.requestId);
}

let app: FastifyInstance | undefined;
let service: ServiceProcess | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await service?.stop();
  service = undefined;
});

async function listen(env: Record<string, string>, keys = [testKey('k')]): Promise<number> {
  const started = await startApp({ keys, env });
  app = started.app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const tokenPost = (headers: string, length: number) =>
  `POST /buckets/examplebucket/cname-tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${headers}\r\n`;

describe('slow and hostile connections', () => {
  it('cuts a body trickled byte by byte with a 408 problem', async () => {
    const key = testKey('k');
    const port = await listen({ REQUEST_TIMEOUT_MS: '300' }, [key]);
    const exchange = open(port, tokenPost(`Authorization: Bearer ${key.key}\r\n`, 1_000));
    // One byte every 50 ms would take 50 s; the server must not wait for it.
    const drip = setInterval(() => exchange.socket.writable && exchange.socket.write('{'), 50);
    try {
      expectProblem(await exchange.closed, 408, 'request-timeout');
    } finally {
      clearInterval(drip);
    }
  });

  it('closes the connection when the answer goes out before the body was read', async () => {
    const port = await listen({});
    const exchange = open(port, `${tokenPost('', 100_000)}{"domain":`);
    const raw = await exchange.closed;
    const { status, headers } = parse(raw);
    expect(status).toBe(401);
    expect(headers.connection).toBe('close');
  });

  it('holds at most MAX_CONNECTIONS sockets', async () => {
    const port = await listen({ MAX_CONNECTIONS: '2' });
    const held = [open(port), open(port)];
    try {
      await Promise.all(held.map((e) => once(e.socket, 'connect')));
      // Accepted by the kernel, then dropped by the server: closed without a byte.
      expect(await open(port, 'GET /livez HTTP/1.1\r\nHost: x\r\n\r\n').closed).toBe('');
    } finally {
      for (const e of held) e.socket.destroy();
    }
  });

  it('answers oversized headers with a 431 problem and a request id', async () => {
    const port = await listen({});
    const raw = await open(port, `GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
      .closed;
    expectProblem(raw, 431, 'headers-too-large');
  });

  it('answers a malformed request with a 400 problem and a request id', async () => {
    const port = await listen({});
    expectProblem(await open(port, 'NOT HTTP AT ALL\r\n\r\n').closed, 400, 'bad-request');
  });
});

describe('shutdown with open sockets', () => {
  it('exits 0 on SIGTERM with idle keep-alive and answered-early sockets open', async () => {
    service = startService({ ...EPHEMERAL, SHUTDOWN_GRACE_MS: '5000' });
    const { port } = new URL(await service.url());
    const sockets: Exchange[] = [];
    for (let i = 0; i < 3; i++) {
      const idle = open(Number(port), 'GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      await once(idle.socket, 'data');
      sockets.push(idle, open(Number(port), `${tokenPost('', 100_000)}{"domain":`));
    }
    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    for (const e of sockets) e.socket.destroy();
  });
});
