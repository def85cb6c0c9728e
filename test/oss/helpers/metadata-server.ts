// A fake ECS instance metadata service on 127.0.0.1 for the ECS RAM role credential tests, and the
// cleanup list that closes it (and anything else a test registers); call runCleanups in afterEach.
import { type Handler, startServer, type TestServer } from './http-server.ts';

export const BASE_PATH = '/latest/meta-data/ram/security-credentials/';

export const cleanups: Array<() => Promise<void>> = [];

export async function runCleanups(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn();
}

export async function server(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  cleanups.push(() => s.close());
  return s;
}

/** A metadata service on 127.0.0.1 with a scriptable credentials answer. */
export async function metadataServer(
  answer: () => { status: number; body: unknown } | 'drop',
): Promise<TestServer> {
  return server((req, res) => {
    if (req.url === BASE_PATH) {
      res.end('ecs-role\n');
      return;
    }
    if (req.url === `${BASE_PATH}ecs-role`) {
      const a = answer();
      if (a === 'drop') {
        res.socket?.destroy();
        return;
      }
      res.writeHead(a.status, { 'Content-Type': 'text/plain' });
      res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

export function metadataCreds(n: number, expiration: number) {
  return {
    AccessKeyId: `STS.id${n}`,
    AccessKeySecret: `secret${n}`,
    SecurityToken: `token${n}`,
    Expiration: new Date(expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    LastUpDated: new Date(expiration - 3600_000).toISOString(),
    Code: 'Success',
  };
}
