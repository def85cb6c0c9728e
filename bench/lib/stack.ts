import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAllScopesKeyFileEntry } from '../../src/auth/development-key.ts';
import { createCnameToken, OssClient, putCname } from '../../src/oss/index.ts';
import { freePort, type StartOptions, startNode, stop } from './processes.ts';

// The processes rows 2-5 measure, started the way production starts them: a standalone emulator (the
// CLI) seeded with a real account and access key, and the service (`node dist/main.js`) configured with
// those OSS_* credentials, so it runs in remote mode, not emulator mode; an API key file; logs at info
// into a file.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ACCOUNT = '1000000000000001';
export const OSS_KEY = { accessKeyId: 'LTAI5tBenchServiceKey', accessKeySecret: 'bench-service-secret' };
export const LIST_BUCKET = 'listbucket';
export const CYCLE_BUCKET = 'cyclebucket';
export const REGION = 'cn-hangzhou';

/**
 * Extra Node flags for the service and the minimal hop, to try runtime settings against the same load:
 * BENCH_NODE_FLAGS="--max-semi-space-size=8" npm run bench -- memory
 */
const EXTRA_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

const SEED = {
  accounts: [{ id: ACCOUNT, accessKeys: [{ id: OSS_KEY.accessKeyId, secret: OSS_KEY.accessKeySecret }] }],
  buckets: [
    { name: LIST_BUCKET, region: REGION, owner: ACCOUNT },
    { name: CYCLE_BUCKET, region: REGION, owner: ACCOUNT },
  ],
};

export interface EmulatorProcess {
  child: ChildProcess;
  url: string;
  dns: { host: string; port: number };
  /** A client of the project's own OSS client, for set-up and the direct rows. */
  client: OssClient;
  publishTxt(name: string, value: string): Promise<void>;
}

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  logFile: string;
  /** `authorization: Bearer <key>` for a key allowed everything on every bucket. */
  headers: Record<string, string>;
}

/** A temporary directory for seed, key and log files; removed by `cleanup`. */
export function workDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'oss-cname-bench-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startEmulator(dir: string): Promise<EmulatorProcess> {
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify(SEED));
  const { child, match } = await startNode({
    label: 'emulator',
    args: [join(ROOT, 'src/emulator/cli.ts'), '--port', '0', '--dns-port', '0', '--seed', seed],
    ready: /^OSS emulator listening on (\S+) \(dns udp:\/\/(.+):(\d+)\)$/,
  });
  const url = match[1] as string;
  const client = new OssClient({ region: REGION, endpoint: url, credentials: OSS_KEY });
  return {
    child,
    url,
    dns: { host: match[2] as string, port: Number(match[3]) },
    client,
    async publishTxt(name, value) {
      const res = await fetch(`${url}/_emulator/dns/${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'TXT', values: [value] }),
      });
      if (res.status !== 200) throw new Error(`emulator admin: publishing ${name} answered ${res.status}`);
    },
  };
}

export async function stopEmulator(emulator: EmulatorProcess): Promise<void> {
  await emulator.client.close();
  await stop(emulator.child);
}

/** The emulator's `delay` fault on every OSS operation: real OSS answers in tens of milliseconds. */
export async function delayEveryCall(emulator: EmulatorProcess, delayMs: number): Promise<void> {
  const res = await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ op: '*', kind: 'delay', delayMs }),
  });
  if (res.status !== 201) throw new Error(`emulator admin: adding the delay answered ${res.status}`);
}

/** Creates the token, publishes its TXT record in the emulator's DNS: the domain may now be bound. */
export async function proveOwnership(emulator: EmulatorProcess, bucket: string, domain: string) {
  const { token } = await emulator.client.invoke(createCnameToken, { bucket, domain });
  await emulator.publishTxt(`_dnsauth.${domain}`, token);
}

/** Binds `count` domains to the bucket directly through OSS; returns their names. */
export async function bindDomains(emulator: EmulatorProcess, bucket: string, count: number) {
  const domains = Array.from({ length: count }, (_, i) => `d${i}.${bucket}.bench.example.com`);
  for (const domain of domains) {
    await proveOwnership(emulator, bucket, domain);
    await emulator.client.invoke(putCname, { bucket, domain });
  }
  return domains;
}

function writeKeyFile(dir: string): string {
  const { key, entry } = createAllScopesKeyFileEntry('bench');
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ keys: [entry] }));
  return key;
}

/** The environment of a production start against the emulator, minus the port. */
export function serviceEnv(dir: string, emulator: EmulatorProcess): { env: NodeJS.ProcessEnv; key: string } {
  const key = writeKeyFile(dir);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    API_KEYS_FILE: join(dir, 'keys.json'),
    // The embedded store of this run, never the repository's data/.
    DATA_DIR: join(dir, 'data'),
    OSS_ACCESS_KEY_ID: OSS_KEY.accessKeyId,
    OSS_ACCESS_KEY_SECRET: OSS_KEY.accessKeySecret,
    OSS_REGION: REGION,
    OSS_ENDPOINT: emulator.url,
    DNS_RESOLVERS: `${emulator.dns.host}:${emulator.dns.port}`,
    // The bench is one caller sending far beyond the default 600 per minute.
    RATE_LIMIT_MAX: '1000000',
    // glibc's arena count, when the bench is asked to try it (the hop inherits the bench's environment).
    ...(process.env.MALLOC_ARENA_MAX === undefined ? {} : { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX }),
  };
  return { env, key };
}

export interface ServiceStart {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[] | undefined;
  /** Overrides the start script (default dist/main.js). */
  entry?: string | undefined;
  /** Extra environment, e.g. OTEL_* to turn tracing on. */
  env?: NodeJS.ProcessEnv | undefined;
}

/** `node dist/main.js` with its log in `<dir>/service-<port>.log`; resolves once it listens. */
export async function startService(
  dir: string,
  emulator: EmulatorProcess,
  options: ServiceStart = {},
): Promise<ServiceProcess> {
  const { env, key } = serviceEnv(dir, emulator);
  const port = await freePort();
  const logFile = join(dir, `service-${port}.log`);
  const start: StartOptions = {
    label: 'service',
    args: [...EXTRA_FLAGS, ...(options.nodeFlags ?? []), resolve(ROOT, options.entry ?? 'dist/main.js')],
    env: { ...env, ...options.env, PORT: String(port) },
    ready: /"msg":"service started"/,
    logFile,
  };
  const { child } = await startNode(start);
  return { child, url: `http://127.0.0.1:${port}`, logFile, headers: { authorization: `Bearer ${key}` } };
}

/** Row 2's limit: the bare Fastify route of bench/children/minimal-hop.ts. */
export async function startMinimalHop(
  emulator: EmulatorProcess,
  options: Pick<ServiceStart, 'nodeFlags'> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const { child, match } = await startNode({
    label: 'minimal hop',
    args: [
      ...EXTRA_FLAGS,
      ...(options.nodeFlags ?? []),
      join(ROOT, 'bench/children/minimal-hop.ts'),
      JSON.stringify({ endpoint: emulator.url, ...OSS_KEY }),
    ],
    ready: /^minimal hop listening on (\S+)$/,
  });
  return { child, url: match[1] as string };
}

export { stop };
