// The real stack for fault tests: the app (test/helpers/app.ts) with the real OSS client over HTTP to buildEmulator, whose fault
// injection plays the failing OSS. Unlike test/helpers/stack.ts, retries never wait (backoff sleeps resolve at
// once), the read timeout is short, and a hook can act right before the service's first call of one
// operation (to skew the emulator's clock exactly then). Every OSS attempt is recorded.

import type { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Config } from '../../../src/config.ts';
import { buildEmulator, type Emulator } from '../../../src/emulator/index.ts';
import type { OssInvoker } from '../../../src/oss/index.ts';
import { createCnameToken, OssClient, putCname } from '../../../src/oss/index.ts';
import type { OssAttemptEvent } from '../../../src/oss/types.ts';
import type { CircuitBreakerOptions } from '../../../src/resilience/index.ts';
import { startApp } from '../../helpers/app.ts';
import { type TestKey, testKey } from '../../helpers/keys.ts';
import { TEST_SEED } from '../../helpers/stack.ts';

export const BUCKET = 'examplebucket';
export const REGION = 'cn-hangzhou';
/** Short, but undici's coarse timers make each timeout last roughly 0.5-1 s anyway. */
export const READ_TIMEOUT_MS = 200;

export type ApiOperation =
  | 'CreateCnameToken'
  | 'GetCnameToken'
  | 'PutCname'
  | 'ListCname'
  | 'DeleteCname'
  | 'GetBucketLocation';

export interface FaultStack {
  emulator: Emulator;
  app: FastifyInstance;
  admin: TestKey;
  attempts: OssAttemptEvent[];
  /** The attempts of one operation. */
  attemptsOf(operation: string): OssAttemptEvent[];
  /** A client of the same account for setting up state; never retries, never faulted by the hook. */
  setup: OssClient;
  /** Runs `action` once, right before the service's next call of `operation`. */
  beforeNext(operation: ApiOperation, action: () => Promise<void>): void;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Token created and its TXT record published: PutCname will pass the ownership check. */
  prove(domain: string): Promise<void>;
  bind(domain: string): Promise<void>;
  close(): Promise<void>;
}

/** Runs a test's hook right before the next call of an operation (by its OSS name). */
function hooked(client: OssInvoker, hooks: Map<string, () => Promise<void>>): OssInvoker {
  return {
    async invoke(op, input, opts) {
      const hook = hooks.get(op.name);
      if (hook) {
        hooks.delete(op.name);
        await hook();
      }
      return client.invoke(op, input, opts);
    },
    close: () => client.close(),
  };
}

export interface FaultStackOptions {
  /** Patches the config the app is built with. */
  patch?: (config: Config) => Config;
  /** Emulator seed; default test/helpers/stack.ts's TEST_SEED. */
  seed?: unknown;
  /** The service's OSS credentials; default TEST_SEED's service key. */
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string | undefined };
  /** Where the app's log lines go, at level trace (default: no log). */
  logStream?: Writable;
  /** The emulator's diagnostics (default: dropped). */
  emulatorLog?: (message: string) => void;
  /** Circuit breaker settings (default: the app's). */
  breaker?: CircuitBreakerOptions;
}

export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const emulator = await buildEmulator({
    seed: options.seed ?? TEST_SEED,
    log: options.emulatorLog ?? (() => {}),
  });
  const credentials = options.credentials ?? {
    accessKeyId: 'LTAI5tServiceKey',
    accessKeySecret: 'service-secret',
  };
  const patch = options.patch ?? ((c: Config) => c);
  const hooks = new Map<string, () => Promise<void>>();
  const admin = testKey('admin');
  const {
    app,
    oss: client,
    attempts,
  } = await startApp({
    env: { NODE_ENV: 'test', LOG_LEVEL: options.logStream ? 'trace' : 'silent' },
    // The emulator's DNS server is both the resolver and every zone's name server, as in emulator mode, so
    // the service's ownership pre-flight sees the TXT records tests publish there.
    config: (loaded) =>
      patch({
        ...loaded,
        DNS_RESOLVERS: [emulator.dns],
        DNS_AUTHORITATIVE_PORT: emulator.dns.port,
        DNS_TIMEOUT_MS: 500,
        OSS_REGION: REGION,
        OSS_ENDPOINT: emulator.url,
        OSS_ACCESS_KEY_ID: credentials.accessKeyId,
        OSS_ACCESS_KEY_SECRET: credentials.accessKeySecret,
        OSS_SESSION_TOKEN: credentials.securityToken,
        OSS_READ_TIMEOUT_MS: READ_TIMEOUT_MS,
        // Each request here is about one trip to OSS and how it fails: no read is answered from a recent one.
        CNAME_CACHE_MS: 0,
      }),
    keys: [admin],
    ...(options.logStream ? { logStream: options.logStream } : {}),
    deps: { circuitBreaker: options.breaker },
    oss: (observer, config) =>
      new OssClient({
        region: REGION,
        endpoint: emulator.url,
        credentials,
        retry: { maxAttempts: config.OSS_MAX_ATTEMPTS, sleep: async () => {} },
        readTimeoutMs: config.OSS_READ_TIMEOUT_MS,
        observer,
      }),
    wrap: (client) => hooked(client, hooks),
  });
  const setup = new OssClient({
    region: REGION,
    endpoint: emulator.url,
    credentials,
    retry: { maxAttempts: 1 },
  });
  const prove = async (domain: string) => {
    const { token } = await setup.invoke(createCnameToken, { bucket: BUCKET, domain });
    await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
  };
  return {
    emulator,
    app,
    admin,
    attempts,
    attemptsOf: (operation) => attempts.filter((a) => a.operation === operation),
    setup,
    beforeNext(operation, action) {
      hooks.set(operation, action);
    },
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { ...admin.headers, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    prove,
    async bind(domain) {
      await prove(domain);
      await setup.invoke(putCname, { bucket: BUCKET, domain });
    },
    async close() {
      await app.close();
      await Promise.all([client.close(), setup.close()]);
      await emulator.close();
    },
  };
}
