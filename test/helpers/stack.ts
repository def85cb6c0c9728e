// The real stack for HTTP tests: the app (test/helpers/app.ts) with the real OSS client talking over HTTP to buildEmulator on
// 127.0.0.1 (whose DNS server answers the ownership lookups). Records every OSS attempt the service
// makes, so tests can assert what OSS was (not) asked.
import type { FastifyInstance } from 'fastify';
import { createOssClient } from '../../src/config/oss-client.ts';
import type { Config } from '../../src/config.ts';
import { buildEmulator, DEFAULT_ACCOUNT_ID, type Emulator } from '../../src/emulator/index.ts';
import type { OssInvoker } from '../../src/oss/index.ts';
import type { OssAttemptEvent } from '../../src/oss/types.ts';
import type { Store } from '../../src/store/index.ts';
import { startApp } from './app.ts';
import { type TestKey, testKey } from './keys.ts';

export const OTHER_ACCOUNT_ID = '2000000000000002';

/** Buckets, accounts and policies that let the emulator produce every OSS answer the API maps. */
export const TEST_SEED = {
  accounts: [
    {
      id: DEFAULT_ACCOUNT_ID,
      accessKeys: [
        { id: 'LTAI5tServiceKey', secret: 'service-secret' },
        { id: 'LTAI5tNoPutCname', secret: 'limited-secret', deniedActions: ['PutCname'] },
      ],
    },
    { id: OTHER_ACCOUNT_ID, accessKeys: [{ id: 'LTAI5tOtherAccount', secret: 'other-secret' }] },
  ],
  buckets: [
    { name: 'examplebucket', region: 'cn-hangzhou', owner: DEFAULT_ACCOUNT_ID },
    { name: 'siblingbucket', region: 'cn-hangzhou', owner: DEFAULT_ACCOUNT_ID },
    { name: 'farbucket', region: 'ap-southeast-1', owner: DEFAULT_ACCOUNT_ID },
    { name: 'beijingbucket', region: 'cn-beijing', owner: DEFAULT_ACCOUNT_ID },
    { name: 'theirbucket', region: 'cn-hangzhou', owner: OTHER_ACCOUNT_ID },
  ],
  casCertificates: [
    {
      id: '1001-cn-hangzhou',
      owner: DEFAULT_ACCOUNT_ID,
      fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:01',
      validStartDate: '2026-01-01T00:00:00Z',
      validEndDate: '2027-01-01T00:00:00Z',
    },
    {
      id: '1002-cn-hangzhou',
      owner: DEFAULT_ACCOUNT_ID,
      fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:02',
      validStartDate: '2026-01-01T00:00:00Z',
      validEndDate: '2028-01-01T00:00:00Z',
    },
  ],
  icp: { regions: ['cn-beijing'], filedDomains: ['filed.example.com'] },
  riskyDomains: ['risky.example.com'],
};

export interface StackOptions {
  /** Keys the app accepts besides `admin` (every scope). */
  keys?: TestKey[];
  /** Patches the config the app is built with (timeouts, attempts, credentials). */
  config?: (config: Config) => Config;
  /** Wraps the real client, e.g. to act between the service's read and its write. */
  wrap?: (client: OssInvoker) => OssInvoker;
  /** The durable state (default: a fresh in-memory store). */
  store?: Store;
}

export interface Stack {
  emulator: Emulator;
  app: FastifyInstance;
  admin: TestKey;
  /** OSS operations the service attempted, in order. */
  attempts: OssAttemptEvent[];
  operations(): string[];
  /** Publishes the TXT record OSS checks before binding. */
  publishToken(domain: string, token: string): Promise<void>;
  /** Creates the domain's token through the service and publishes its TXT record, as a caller would. */
  verify(domain: string, bucket?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = await buildEmulator({ seed: TEST_SEED, log: () => {} });
  const admin = testKey('admin');
  const { app, oss, attempts, operations } = await startApp({
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    config: (loaded) => {
      const base: Config = {
        ...loaded,
        OSS_REGION: 'cn-hangzhou',
        OSS_ENDPOINT: emulator.url,
        OSS_ACCESS_KEY_ID: 'LTAI5tServiceKey',
        OSS_ACCESS_KEY_SECRET: 'service-secret',
        // The emulator's DNS server is both the resolver and every zone's name server, as in emulator mode.
        DNS_RESOLVERS: [emulator.dns],
        DNS_AUTHORITATIVE_PORT: emulator.dns.port,
        DNS_TIMEOUT_MS: 500,
      };
      return options.config ? options.config(base) : base;
    },
    keys: [admin, ...(options.keys ?? [])],
    deps: { store: options.store },
    oss: (observer, config) => createOssClient(config, observer),
    wrap: options.wrap,
  });
  const publishToken = (domain: string, token: string) =>
    emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
  return {
    emulator,
    app,
    admin,
    attempts,
    operations,
    publishToken,
    async verify(domain, bucket = 'examplebucket') {
      const res = await app.inject({
        method: 'POST',
        url: `/buckets/${bucket}/cname-tokens`,
        headers: admin.headers,
        payload: { domain },
      });
      if (res.statusCode !== 201 && res.statusCode !== 200) {
        throw new Error(`creating the token of ${domain}: ${res.statusCode} ${res.body}`);
      }
      await publishToken(domain, res.json().token);
    },
    async close() {
      await app.close();
      await oss.close();
      await emulator.close();
    },
  };
}
