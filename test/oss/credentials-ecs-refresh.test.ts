// ECS RAM role credentials as the client uses them: cached, refreshed early, and signed into requests.
import { afterEach, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/client.ts';
import { ecsRamRoleCredentials } from '../../src/oss/credentials/ecs-ram-role.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/index.ts';
import { sendXml } from './helpers/http-server.ts';
import {
  BASE_PATH,
  cleanups,
  metadataCreds,
  metadataServer,
  runCleanups,
  server,
} from './helpers/metadata-server.ts';

const MINUTE = 60_000;

afterEach(runCleanups);

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
