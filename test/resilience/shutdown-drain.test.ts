// SIGTERM while several requests are in flight on separate keep-alive connections, over real sockets:
// every one of them completes (200, Connection: close), an idle keep-alive connection is closed by the
// server, new connections are refused, and the process exits 0 within the grace period.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.ts';
import { EPHEMERAL, type ServiceProcess, startService } from '../service/helpers/process.ts';

const ID = '5F0E6215FE05DA0E27393F00';
const XML: Array<[RegExp, string]> = [
  [/[?&]location/, '<LocationConstraint>oss-cn-hangzhou</LocationConstraint>'],
  [/[?&]cname/, '<ListCnameResult><Bucket>b</Bucket><Owner>1</Owner></ListCnameResult>'],
  [
    /.*/,
    '<ListAllMyBucketsResult><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner><Buckets></Buckets></ListAllMyBucketsResult>',
  ],
];

/** An OSS stand-in that parks requests until released, then answers everything at once. */
class HeldOss {
  readonly server: Server;
  readonly #parked: Array<[IncomingMessage, ServerResponse]> = [];
  readonly #waiters: Array<{ count: number; resolve: () => void }> = [];
  #released = false;

  constructor() {
    this.server = createServer((req, res) => {
      if (this.#released) return HeldOss.#answer(req, res);
      this.#parked.push([req, res]);
      for (const w of [...this.#waiters]) {
        if (this.#parked.length >= w.count) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
  }

  static #answer(req: IncomingMessage, res: ServerResponse): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${XML.find(([re]) => re.test(req.url ?? ''))?.[1]}`;
    res.writeHead(200, { 'content-type': 'application/xml', 'x-oss-request-id': ID });
    res.end(body);
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  parked(count: number): Promise<void> {
    if (this.#parked.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  release(): void {
    this.#released = true;
    for (const [req, res] of this.#parked.splice(0)) HeldOss.#answer(req, res);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

function get(agent: Agent, base: string, path: string, key: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw keep-alive connection that has served one request and now sits idle. */
async function idleKeepAlive(base: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`GET /livez HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  expect(chunk.toString()).toMatch(/^HTTP\/1\.1 200/);
  return socket;
}

let dir: string;
let oss: HeldOss;
let service: ServiceProcess | undefined;
const key = generateApiKey();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drain-'));
  const entry = {
    id: 'drain',
    hash: hashApiKey(key),
    buckets: ['*'],
    domains: ['*'],
    actions: ['cname:read'],
  };
  await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [entry] }));
  oss = new HeldOss();
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await oss.close();
  await rm(dir, { recursive: true, force: true });
});

describe('graceful shutdown under load', () => {
  it('finishes every in-flight request on every keep-alive connection, closes idle ones, exits 0', async () => {
    service = startService({
      ...EPHEMERAL,
      OSS_ACCESS_KEY_ID: 'LTAItest',
      OSS_ACCESS_KEY_SECRET: 'test-secret',
      OSS_ENDPOINT: await oss.listen(),
      OSS_MAX_ATTEMPTS: '1',
      API_KEYS_FILE: join(dir, 'keys.json'),
      SHUTDOWN_GRACE_MS: '30000',
    });
    const base = await service.url();
    const idle = await idleKeepAlive(base);
    const idleClosed = once(idle, 'close');
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    // Five requests, five connections, each held at OSS: four bucket listings and a readiness check.
    const paths = [
      '/buckets/alpha/cnames',
      '/buckets/beta/cnames',
      '/buckets/gamma/cnames',
      '/buckets/delta/cnames',
      '/readyz',
    ];
    const inFlight = paths.map((path) => get(agent, base, path, key));
    await oss.parked(paths.length);

    service.child.kill('SIGTERM');
    await service.waitForLog('shutting down: refusing new connections, finishing in-flight requests');
    await expect(fetch(`${base}/livez`)).rejects.toThrow();
    await idleClosed;

    oss.release();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(paths.map(() => 200));
    expect(answers.map((a) => a.connection)).toEqual(paths.map(() => 'close'));
    expect((await service.exited).code).toBe(0);
    await service.waitForLog('shutdown complete');
    agent.destroy();
  });
});
