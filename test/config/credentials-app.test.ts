// buildApp signs with the credentials OSS_CREDENTIALS_PROVIDER names: proven against the emulator, with a
// local stand-in for the ECS metadata service and the real @alicloud/credentials default chain.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildEmulator, DEFAULT_ACCOUNT_ID, type Emulator } from '../../src/emulator/index.ts';
import { testKey } from '../helpers/keys.ts';

const ROLE = 'oss-cname-role';
const STS = { id: 'STS.ecsRoleKey', secret: 'ecs-role-secret', token: 'ecs-role-token' };
const admin = testKey('admin');

let emulator: Emulator;
let metadata: Server;
let metadataUrl: string;
const metadataPaths: string[] = [];
let app: FastifyInstance | undefined;

beforeAll(async () => {
  emulator = await buildEmulator({
    log: () => {},
    seed: {
      accounts: [
        {
          id: DEFAULT_ACCOUNT_ID,
          accessKeys: [
            { id: 'LTAI5tEnvKey', secret: 'env-secret' },
            { id: 'LTAI5tChainKey', secret: 'chain-secret' },
            { id: STS.id, secret: STS.secret, securityToken: STS.token },
          ],
        },
      ],
      buckets: [{ name: 'examplebucket', region: 'cn-hangzhou', owner: DEFAULT_ACCOUNT_ID }],
    },
  });
  metadata = createServer((req, res) => {
    metadataPaths.push(req.url ?? '');
    const base = '/latest/meta-data/ram/security-credentials/';
    if (req.url === base) return res.end(`${ROLE}\n`);
    if (req.url === `${base}${ROLE}`) {
      return res.end(
        JSON.stringify({
          Code: 'Success',
          AccessKeyId: STS.id,
          AccessKeySecret: STS.secret,
          SecurityToken: STS.token,
          Expiration: new Date(Date.now() + 3600_000).toISOString(),
        }),
      );
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/latest/meta-data/ram/security-credentials/`;
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => metadata.close(resolve));
});

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  const loaded = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    API_KEYS_FILE: '/unused/keys.json',
    OSS_ENDPOINT: emulator.url,
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  // Keys come from the test, not a file.
  app = buildApp({ ...loaded.config, API_KEYS_FILE: undefined }, { apiKeys: [admin.entry] });
  await app.ready();
  return app;
}

const list = (server: FastifyInstance) =>
  server.inject({ method: 'GET', url: '/buckets/examplebucket/cnames', headers: admin.headers });

/** Sets environment variables for one test and puts the old values back. */
async function withEnv(values: Record<string, string>, run: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('buildApp picks the OSS credentials provider', () => {
  it('ecs-ram-role: asks the metadata service for the role and signs with its STS credentials', async () => {
    const server = await appWith({
      OSS_CREDENTIALS_PROVIDER: 'ecs-ram-role',
      OSS_ECS_METADATA_URL: metadataUrl,
    });
    const res = await list(server);
    expect(res.statusCode).toBe(200);
    expect(metadataPaths).toEqual([
      '/latest/meta-data/ram/security-credentials/',
      `/latest/meta-data/ram/security-credentials/${ROLE}`,
    ]);
    // Cached until the refresh window: a second request asks the metadata service nothing.
    expect((await list(server)).statusCode).toBe(200);
    expect(metadataPaths).toHaveLength(2);
  });

  it('ecs-ram-role with OSS_ECS_ROLE_NAME skips the role lookup', async () => {
    metadataPaths.length = 0;
    const server = await appWith({
      OSS_CREDENTIALS_PROVIDER: 'ecs-ram-role',
      OSS_ECS_METADATA_URL: metadataUrl,
      OSS_ECS_ROLE_NAME: ROLE,
    });
    expect((await list(server)).statusCode).toBe(200);
    expect(metadataPaths).toEqual([`/latest/meta-data/ram/security-credentials/${ROLE}`]);
  });

  it('env: reads OSS_ACCESS_KEY_* on every call, so a rotated secret takes effect at once', async () => {
    await withEnv({ OSS_ACCESS_KEY_ID: 'LTAI5tEnvKey', OSS_ACCESS_KEY_SECRET: 'env-secret' }, async () => {
      // The second read must reach OSS to sign with the rotated secret, not reuse the first listing.
      const server = await appWith({
        OSS_CREDENTIALS_PROVIDER: 'env',
        OSS_MAX_ATTEMPTS: '1',
        CNAME_CACHE_MS: '0',
      });
      expect((await list(server)).statusCode).toBe(200);
      process.env.OSS_ACCESS_KEY_SECRET = 'rotated-wrong';
      expect((await list(server)).json()).toMatchObject({ status: 502, code: 'upstream-credentials' });
    });
  });

  it('alicloud: the @alicloud/credentials default chain (here its ALIBABA_CLOUD_* environment step)', async () => {
    await withEnv(
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tChainKey', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'chain-secret' },
      async () => {
        const server = await appWith({ OSS_CREDENTIALS_PROVIDER: 'alicloud' });
        expect((await list(server)).statusCode).toBe(200);
      },
    );
  });
});
