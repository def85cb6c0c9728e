// A real OSS-like server answering from a script, and a client aimed at it whose retry sleeps are
// recorded instead of slept, for the retry-*.test.ts and redirects tests. Call closeHarness in afterEach.
import { OssClient, type OssClientOptions } from '../../../src/oss/client.ts';
import type { OssAttemptEvent } from '../../../src/oss/types.ts';
import { type Handler, ossErrorXml, sendXml, startServer, type TestServer } from './http-server.ts';

export const LIST_OK =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ListCnameResult><Bucket>examplebucket</Bucket><Owner>1</Owner></ListCnameResult>';
export const SECRET = 'sk-very-secret-value';

let server: TestServer | undefined;
let client: OssClient | undefined;

export async function closeHarness(): Promise<void> {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
}

/** For a test that closes the server itself, so closeHarness does not close it again. */
export function forgetServer(): void {
  server = undefined;
}

export interface Harness {
  server: TestServer;
  client: OssClient;
  sleeps: number[];
  events: OssAttemptEvent[];
}

/** A real server answering from a script of handlers (the last one repeats), and a client aimed at it. */
export async function setup(script: Handler[], options: Partial<OssClientOptions> = {}): Promise<Harness> {
  let calls = 0;
  server = await startServer((req, res) => {
    const handler = script[Math.min(calls++, script.length - 1)];
    return handler?.(req, res);
  });
  const sleeps: number[] = [];
  const events: OssAttemptEvent[] = [];
  client = new OssClient({
    region: 'cn-hangzhou',
    endpoint: server.origin,
    credentials: { accessKeyId: 'ak', accessKeySecret: SECRET },
    observer: { onAttempt: (e) => events.push(e) },
    ...options,
    retry: {
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options.retry,
    },
  });
  return { server, client, sleeps, events };
}

export const ok: Handler = (_req, res) => sendXml(res, 200, LIST_OK);
export const status =
  (code: number, errorCode: string): Handler =>
  (_req, res) =>
    sendXml(res, code, ossErrorXml(errorCode, 'simulated'));
