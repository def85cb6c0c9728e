// Reading ECS RAM role credentials from the instance metadata service, once per fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { EcsRamRoleFetcher } from '../../src/oss/credentials/ecs-ram-role.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';
import { BASE_PATH, metadataCreds, metadataServer, runCleanups, server } from './helpers/metadata-server.ts';

afterEach(runCleanups);

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
