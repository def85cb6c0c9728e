// Callers never pass a region: the service learns each bucket's region from OSS and relearns it when OSS
// says the endpoint is wrong. Over real sockets against the emulator, signing for a default region that
// differs from the buckets'.
import { afterEach, describe, expect, it } from 'vitest';
import { createOssClient } from '../../src/config/oss-client.ts';
import { buildEmulator, DEFAULT_ACCOUNT_ID, type Emulator } from '../../src/emulator/index.ts';
import { startApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const admin = testKey('admin');
const seedWith = (buckets: Array<{ name: string; region: string }>) => ({
  accounts: [{ id: DEFAULT_ACCOUNT_ID, accessKeys: [{ id: 'LTAI5tServiceKey', secret: 'service-secret' }] }],
  buckets: buckets.map((b) => ({ ...b, owner: DEFAULT_ACCOUNT_ID })),
});

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function serviceFor(emulator: Emulator, region: string) {
  const { app, attempts } = await startApp({
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    config: (loaded) => ({
      ...loaded,
      OSS_REGION: region,
      OSS_ENDPOINT: emulator.url,
      OSS_ACCESS_KEY_ID: 'LTAI5tServiceKey',
      OSS_ACCESS_KEY_SECRET: 'service-secret',
      DNS_RESOLVERS: [emulator.dns],
      DNS_AUTHORITATIVE_PORT: emulator.dns.port,
      // A listing reused from before the move would hide the wrong-endpoint answer these tests are about.
      CNAME_CACHE_MS: 0,
    }),
    keys: [admin],
    oss: (observer, config) => createOssClient(config, observer),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  open.push(app);
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const get = (path: string) => fetch(`${base}${path}`, { headers: admin.headers });
  return { app, attempts, get };
}

describe('bucket region discovery', () => {
  it('finds a bucket in another region than the one it signs for by default', async () => {
    const emulator = await buildEmulator({
      seed: seedWith([{ name: 'farbucket', region: 'ap-southeast-1' }]),
      log: () => {},
    });
    open.push(emulator);
    const service = await serviceFor(emulator, 'cn-hangzhou');
    const res = await service.get('/buckets/farbucket/cnames');
    expect(res.status).toBe(200);
    const checks = await service.get('/buckets/farbucket/cnames/www.example.com/checks');
    expect(((await checks.json()) as { cnameTarget: string }).cnameTarget).toBe(
      'farbucket.oss-ap-southeast-1.aliyuncs.com',
    );
    // One discovery, then every call signed for the bucket's region.
    expect(service.attempts.map((a) => `${a.operation} ${a.status}`)).toEqual([
      'GetBucketLocation 200',
      'ListCname 200',
      'ListCname 200',
      'GetCnameToken 404',
    ]);
  });

  it('relearns the region when OSS answers that the endpoint is wrong (bucket re-created elsewhere)', async () => {
    const before = await buildEmulator({
      seed: seedWith([{ name: 'movingbucket', region: 'cn-hangzhou' }]),
      log: () => {},
    });
    const port = before.port;
    const service = await serviceFor(before, 'cn-hangzhou');
    expect((await service.get('/buckets/movingbucket/cnames')).status).toBe(200);
    await before.close();

    // Same endpoint, the bucket now in cn-shanghai.
    const after = await buildEmulator({
      port,
      seed: seedWith([{ name: 'movingbucket', region: 'cn-shanghai' }]),
      log: () => {},
    });
    open.push(after);
    service.attempts.length = 0;
    const res = await service.get('/buckets/movingbucket/cnames');
    expect(res.status).toBe(200);
    expect(service.attempts.map((a) => `${a.operation} ${a.status} ${a.code ?? ''}`.trim())).toEqual([
      'ListCname 403 AccessDenied',
      'ListCname 200',
    ]);
    // Remembered: the next call goes to the right region at once.
    service.attempts.length = 0;
    expect((await service.get('/buckets/movingbucket/cnames')).status).toBe(200);
    expect(service.attempts.map((a) => a.operation)).toEqual(['ListCname']);
  });
});
