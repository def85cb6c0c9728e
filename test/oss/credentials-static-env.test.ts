import { describe, expect, it } from 'vitest';
import { environmentCredentials } from '../../src/oss/credentials/environment.ts';
import { staticCredentials } from '../../src/oss/credentials/static.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';

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
