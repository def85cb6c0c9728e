// Graceful shutdown over real sockets: after SIGTERM the service stops accepting connections, finishes
// the request in flight, and exits 0; a request that outlives SHUTDOWN_GRACE_MS forces exit 1.
// OSS is a local server the test controls, so the in-flight request is held exactly as long as needed.
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EPHEMERAL, type ServiceProcess, startService } from './helpers/process.ts';

const LIST_BUCKETS = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner><Buckets></Buckets></ListAllMyBucketsResult>`;

/** An OSS stand-in that parks every request until release() is called. */
class HeldOss {
  readonly server: Server;
  readonly parked: ServerResponse[] = [];
  #onRequest: (() => void) | undefined;

  constructor() {
    this.server = createServer((_req: IncomingMessage, res: ServerResponse) => {
      this.parked.push(res);
      this.#onRequest?.();
    });
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  nextRequest(): Promise<void> {
    return new Promise((resolve) => (this.#onRequest = resolve));
  }

  release(): void {
    for (const res of this.parked.splice(0)) {
      res.writeHead(200, {
        'content-type': 'application/xml',
        'x-oss-request-id': '5F0E6215FE05DA0E27393F00',
      });
      res.end(LIST_BUCKETS);
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let dir: string;
let oss: HeldOss;
let service: ServiceProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shutdown-'));
  await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [] }));
  oss = new HeldOss();
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
  await oss.close();
  await rm(dir, { recursive: true, force: true });
});

async function startAgainstHeldOss(graceMs: number): Promise<string> {
  service = startService({
    ...EPHEMERAL,
    OSS_ACCESS_KEY_ID: 'LTAItest',
    OSS_ACCESS_KEY_SECRET: 'test-secret',
    OSS_ENDPOINT: await oss.listen(),
    OSS_MAX_ATTEMPTS: '1',
    API_KEYS_FILE: join(dir, 'keys.json'),
    SHUTDOWN_GRACE_MS: String(graceMs),
  });
  return service.url();
}

describe('graceful shutdown', () => {
  it('finishes the in-flight request after SIGTERM, refuses new connections, and exits 0', async () => {
    const base = await startAgainstHeldOss(30_000);
    const arrived = oss.nextRequest();
    const inFlight = fetch(`${base}/readyz`);
    await arrived;

    service?.child.kill('SIGTERM');
    await service?.waitForLog('shutting down: refusing new connections, finishing in-flight requests');
    await expect(fetch(`${base}/livez`)).rejects.toThrow();

    oss.release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
    expect((await service?.exited)?.code).toBe(0);
    await service?.waitForLog('shutdown complete');
  });

  it('forces exit 1 when a request outlives SHUTDOWN_GRACE_MS', async () => {
    const base = await startAgainstHeldOss(300);
    const arrived = oss.nextRequest();
    const inFlight = fetch(`${base}/readyz`).catch((error: unknown) => error);
    await arrived;
    service?.child.kill('SIGTERM');
    expect((await service?.exited)?.code).toBe(1);
    expect(service?.stdout.some((l) => l.includes('shutdown grace period over'))).toBe(true);
    expect(await inFlight).toBeInstanceOf(Error);
  });
});
