import { afterEach, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/client.ts';
import { alicloudCredentials } from '../../src/oss/credentials/alicloud.ts';
import { EcsRamRoleFetcher, ecsRamRoleCredentials } from '../../src/oss/credentials/ecs-ram-role.ts';
import { environmentCredentials } from '../../src/oss/credentials/environment.ts';
import { RefreshingCredentialsProvider } from '../../src/oss/credentials/refreshing.ts';
import { staticCredentials } from '../../src/oss/credentials/static.ts';
import type { Credentials } from '../../src/oss/credentials/types.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/index.ts';
import { type Handler, sendXml, startServer, type TestServer } from './helpers/http-server.ts';

const BASE_PATH = '/latest/meta-data/ram/security-credentials/';
const MINUTE = 60_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function server(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  cleanups.push(() => s.close());
  return s;
}

describe('static and environment credentials', () => {
  it('static returns what it was given and refuses empty keys', async () => {
    const p = staticCredentials({ accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'tok' });
    await expect(p.getCredentials()).resolves.toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      securityToken: 'tok',
    });
    expect(() => staticCredentials({ accessKeyId: 'id', accessKeySecret: '' })).toThrow(OssCredentialsError);
  });

  it('environment reads OSS_ACCESS_KEY_ID / _SECRET / OSS_SESSION_TOKEN on every call', async () => {
    const env: NodeJS.ProcessEnv = {};
    const p = environmentCredentials(env);
    await expect(p.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
    env.OSS_ACCESS_KEY_ID = 'id1';
    env.OSS_ACCESS_KEY_SECRET = 'secret1';
    await expect(p.getCredentials()).resolves.toEqual({
      accessKeyId: 'id1',
      accessKeySecret: 'secret1',
      securityToken: undefined,
    });
    env.OSS_SESSION_TOKEN = 'sts-token';
    env.OSS_ACCESS_KEY_ID = 'id2';
    await expect(p.getCredentials()).resolves.toMatchObject({
      accessKeyId: 'id2',
      securityToken: 'sts-token',
    });
  });
});

/** A metadata service on 127.0.0.1 with a scriptable credentials answer. */
async function metadataServer(answer: () => { status: number; body: unknown } | 'drop'): Promise<TestServer> {
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

function metadataCreds(n: number, expiration: number) {
  return {
    AccessKeyId: `STS.id${n}`,
    AccessKeySecret: `secret${n}`,
    SecurityToken: `token${n}`,
    Expiration: new Date(expiration).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    LastUpDated: new Date(expiration - 3600_000).toISOString(),
    Code: 'Success',
  };
}

describe('ECS RAM role fetcher (metadata service)', () => {
  it('discovers the role name, then reads the credentials', async () => {
    const exp = Date.parse('2030-01-01T00:00:00Z');
    const meta = await metadataServer(() => ({ status: 200, body: metadataCreds(1, exp) }));
    const fetcher = new EcsRamRoleFetcher({ baseUrl: `${meta.origin}${BASE_PATH}` });
    await expect(fetcher.fetch()).resolves.toEqual({
      accessKeyId: 'STS.id1',
      accessKeySecret: 'secret1',
      securityToken: 'token1',
      expiration: new Date(exp),
    });
    await fetcher.fetch();
    // The role name is looked up once.
    expect(meta.requests.map((r) => r.url)).toEqual([
      BASE_PATH,
      `${BASE_PATH}ecs-role`,
      `${BASE_PATH}ecs-role`,
    ]);
  });

  it('uses a configured role name without discovery', async () => {
    const meta = await metadataServer(() => ({ status: 200, body: metadataCreds(1, Date.now() + 3600_000) }));
    await new EcsRamRoleFetcher({ baseUrl: `${meta.origin}${BASE_PATH}`, roleName: 'ecs-role' }).fetch();
    expect(meta.requests.map((r) => r.url)).toEqual([`${BASE_PATH}ecs-role`]);
  });

  it('requires Code Success (case-insensitive) and both keys, without echoing the body', async () => {
    let body: unknown = { ...metadataCreds(1, Date.now() + 3600_000), Code: 'success' };
    const meta = await metadataServer(() => ({ status: 200, body }));
    const fetcher = new EcsRamRoleFetcher({ baseUrl: `${meta.origin}${BASE_PATH}`, roleName: 'ecs-role' });
    await expect(fetcher.fetch()).resolves.toMatchObject({ accessKeyId: 'STS.id1' });

    body = { ...metadataCreds(1, Date.now() + 3600_000), Code: 'Failed' };
    await expect(fetcher.fetch()).rejects.toThrow(/Code "Failed"/);

    body = { AccessKeyId: 'STS.id', AccessKeySecret: '', SecurityToken: 'leaky-token', Code: 'Success' };
    const err = (await fetcher.fetch().catch((e: unknown) => e)) as OssCredentialsError;
    expect(err).toBeInstanceOf(OssCredentialsError);
    expect(err.message).not.toContain('leaky-token');

    body = 'not json, secret inside';
    const notJson = (await fetcher.fetch().catch((e: unknown) => e)) as Error;
    expect(notJson.message).not.toContain('secret inside');
  });

  it('tries 3 times when the metadata service drops the connection, 500 ms apart', async () => {
    let calls = 0;
    const meta = await metadataServer(() =>
      ++calls < 3 ? 'drop' : { status: 200, body: metadataCreds(1, Date.now() + 3600_000) },
    );
    const sleeps: number[] = [];
    const fetcher = new EcsRamRoleFetcher({
      baseUrl: `${meta.origin}${BASE_PATH}`,
      roleName: 'ecs-role',
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await expect(fetcher.fetch()).resolves.toMatchObject({ accessKeyId: 'STS.id1' });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 500]);

    calls = -10;
    await expect(fetcher.fetch()).rejects.toThrow(/unreachable after 3 tries/);
  });

  it('times each request out', async () => {
    const meta = await server(() => {});
    const fetcher = new EcsRamRoleFetcher({
      baseUrl: `${meta.origin}${BASE_PATH}`,
      roleName: 'ecs-role',
      timeoutMs: 50,
      tries: 2,
      sleep: async () => {},
    });
    await expect(fetcher.fetch()).rejects.toBeInstanceOf(OssCredentialsError);
    expect(meta.requests).toHaveLength(2);
  });
});

describe('refreshing ECS RAM role credentials', () => {
  it('caches, refreshes after ~20% of the lifetime, and one caller refreshes at a time', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    let n = 0;
    let fail = false;
    const meta = await metadataServer(() => {
      if (fail) return { status: 500, body: 'boom' };
      n++;
      return { status: 200, body: metadataCreds(n, now + 60 * MINUTE) };
    });
    const provider = ecsRamRoleCredentials({
      baseUrl: `${meta.origin}${BASE_PATH}`,
      roleName: 'ecs-role',
      now: () => now,
    });
    const credRequests = () => meta.requests.length;

    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: 'STS.id1' });
    now += 10 * MINUTE; // window = 0.8 x 60 min = 48 min; refresh due once now + 48 min >= expiry (t = 12 min)
    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: 'STS.id1' });
    expect(credRequests()).toBe(1);

    now += 3 * MINUTE; // t = 13 min: early refresh; concurrent callers keep the old credentials meanwhile
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => provider.getCredentials()));
    expect(credRequests()).toBe(2);
    expect(results[0]?.accessKeyId).toBe('STS.id2');
    expect(results.slice(1).every((c) => c.accessKeyId === 'STS.id1')).toBe(true);
    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: 'STS.id2' });

    // A failed early refresh keeps the current credentials.
    now += 13 * MINUTE;
    fail = true;
    await expect(provider.getCredentials()).resolves.toMatchObject({ accessKeyId: 'STS.id2' });
    expect(credRequests()).toBe(3);

    // Expired credentials force a blocking refresh, shared by concurrent callers, and its failure is an error.
    now += 60 * MINUTE;
    await expect(provider.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
    fail = false;
    const after = await Promise.all([1, 2, 3].map(() => provider.getCredentials()));
    expect(after.map((c) => c.accessKeyId)).toEqual(['STS.id3', 'STS.id3', 'STS.id3']);
    expect(credRequests()).toBe(5);
  });

  it('signs OSS requests with the STS token it fetched', async () => {
    const meta = await metadataServer(() => ({ status: 200, body: metadataCreds(7, Date.now() + 3600_000) }));
    const oss = await server((_req, res) =>
      sendXml(res, 200, '<ListCnameResult><Bucket>b</Bucket></ListCnameResult>'),
    );
    const client = new OssClient({
      region: 'cn-hangzhou',
      endpoint: oss.origin,
      credentials: ecsRamRoleCredentials({ baseUrl: `${meta.origin}${BASE_PATH}` }),
    });
    cleanups.push(() => client.close());
    await client.invoke(listCname, { bucket: 'examplebucket' });
    expect(oss.requests[0]?.headers['x-oss-security-token']).toBe('token7');
    expect(oss.requests[0]?.headers.authorization).toMatch(/^OSS4-HMAC-SHA256 Credential=STS\.id7\//);
  });
});

describe('RefreshingCredentialsProvider rules', () => {
  function counting(results: Array<Credentials | Error>, now: () => number) {
    let calls = 0;
    const provider = new RefreshingCredentialsProvider({
      now,
      fetch: async () => {
        const r = results[Math.min(calls++, results.length - 1)];
        if (r instanceof Error) throw r;
        if (!r) throw new Error('no result');
        return r;
      },
    });
    return { provider, calls: () => calls };
  }

  it('never refreshes long-lived credentials (no expiration)', async () => {
    const { provider, calls } = counting([{ accessKeyId: 'a', accessKeySecret: 'b' }], () => 0);
    for (let i = 0; i < 3; i++) await provider.getCredentials();
    expect(calls()).toBe(1);
  });

  it('has no early window when the lifetime is short (0.8 x remaining <= 120 s)', async () => {
    let now = 1_000_000;
    const { provider, calls } = counting(
      [{ accessKeyId: 'a', accessKeySecret: 'b', expiration: new Date(now + 100_000) }],
      () => now,
    );
    await provider.getCredentials();
    now += 90_000;
    await provider.getCredentials();
    expect(calls()).toBe(1);
    now += 20_000; // expired
    await provider.getCredentials();
    expect(calls()).toBe(2);
  });

  it('wraps fetch failures on a blocking refresh in OssCredentialsError', async () => {
    const { provider } = counting([new Error('metadata down')], () => 0);
    const err = (await provider.getCredentials().catch((e: unknown) => e)) as OssCredentialsError;
    expect(err).toBeInstanceOf(OssCredentialsError);
    expect((err.cause as Error).message).toBe('metadata down');
  });
});

describe('@alicloud/credentials adapter', () => {
  it('maps getCredential() and refuses an empty pair', async () => {
    let model: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string } = {
      accessKeyId: 'STS.x',
      accessKeySecret: 'y',
      securityToken: 'z',
    };
    const provider = alicloudCredentials({ getCredential: async () => model });
    await expect(provider.getCredentials()).resolves.toEqual({
      accessKeyId: 'STS.x',
      accessKeySecret: 'y',
      securityToken: 'z',
    });
    model = { accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: '' };
    await expect(provider.getCredentials()).resolves.toEqual({
      accessKeyId: 'AK',
      accessKeySecret: 'SK',
      securityToken: undefined,
    });
    model = {};
    await expect(provider.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
    const failing = alicloudCredentials({
      getCredential: async () => {
        throw new Error('AssumeRoleWithOIDC failed');
      },
    });
    await expect(failing.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
  });
});
