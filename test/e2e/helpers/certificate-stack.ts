// The whole managed-certificate path over real sockets, wired as `npm start` wires emulator mode: the
// emulator (OSS, Alidns and its DNS server), Debian's Pebble resolving through that DNS, the service on
// 127.0.0.1 with its reconciler and a fast check schedule. Nothing is faked.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/app.ts';
import { type CertificateWiring, certificatesFromConfig } from '../../../src/certificates/index.ts';
import { withEmulator } from '../../../src/config/emulator-mode.ts';
import { type Config, loadConfig } from '../../../src/config.ts';
import { buildEmulator, type Emulator } from '../../../src/emulator/index.ts';
import { eventsOfDomain } from '../../../src/events/index.ts';
import { type CnameInfo, listCname, OssClient } from '../../../src/oss/index.ts';
import { createSealer } from '../../../src/secrets/index.ts';
import { migrate, openMemoryStore, type Store } from '../../../src/store/index.ts';
import { testKey } from '../../helpers/keys.ts';

export const BUCKET = 'examplebucket';

export interface CertificateStack {
  emulator: Emulator;
  app: FastifyInstance;
  certificates: CertificateWiring;
  /** Moves the service's clock (not Pebble's, nor the emulator's) forward. */
  advance(ms: number): void;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, each test asserts what it needs
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Event types of the domain in the outbox, oldest first. */
  events(domain: string): Promise<string[]>;
  /** The binding as OSS (the emulator) has it, read with a client of our own. */
  binding(domain: string): Promise<CnameInfo | undefined>;
  close(): Promise<void>;
}

export async function startCertificateStack(env: Record<string, string> = {}): Promise<CertificateStack> {
  const emulator = await buildEmulator({ log: () => {} });
  const loaded = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RECONCILE_POLL_MS: '50',
    RECONCILE_BASE_DELAY_MS: '100',
    RECONCILE_MAX_DELAY_MS: '200',
    RECONCILE_WATCH_INTERVAL_MS: '200',
    RECONCILE_MAX_ATTEMPTS: '1000',
    // The webhook receiver of the tests listens on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const config: Config = withEmulator(loaded.config, emulator);
  const store: Store = openMemoryStore();
  await migrate(store);
  const certificates = await certificatesFromConfig({
    config,
    store,
    emulator: { url: emulator.url, dns: emulator.dns, defaultZone: 'acme.example.net' },
    secretsKey: randomBytes(32).toString('base64'),
  });
  if (certificates.driver === undefined) throw new Error(certificates.line);
  const admin = testKey('admin');
  let offset = 0;
  const app = buildApp(config, {
    apiKeys: [admin.entry],
    store,
    certificates: certificates.driver,
    clock: () => Date.now() + offset,
    sealer: createSealer([randomBytes(32)]),
    webhooks: { pollMs: 50 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const oss = new OssClient({
    endpoint: emulator.url,
    region: 'cn-hangzhou',
    credentials: emulator.credentials,
    retry: { maxAttempts: 1 },
  });
  return {
    emulator,
    app,
    certificates,
    advance(ms) {
      offset += Math.max(0, ms);
    },
    async call(method, path, body) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...admin.headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async events(domain) {
      return (await eventsOfDomain(store, BUCKET, domain, 100)).reverse().map((e) => e.type);
    },
    async binding(domain) {
      const listed = await oss.invoke(listCname, { bucket: BUCKET }, { region: 'cn-hangzhou' });
      return listed.cnames.find((c) => c.domain === domain);
    },
    async close() {
      await app.close();
      await oss.close();
      await certificates.close();
      await store.close();
      await emulator.close();
    },
  };
}

/** Polls `probe` until it returns something, or fails after `ms` with the last thing it saw. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 30_000,
  seen?: () => unknown,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}${seen ? `: last ${JSON.stringify(seen())}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
