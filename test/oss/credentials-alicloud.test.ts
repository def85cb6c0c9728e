import { describe, expect, it } from 'vitest';
import { alicloudCredentials, createAlicloudCredentials } from '../../src/oss/credentials/alicloud.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';

// The real package, not a fake: RAM role ARN and OIDC need STS, which these machines cannot reach, so the
// adapter is proven with the package's offline credential types and a failing OIDC configuration.
describe('createAlicloudCredentials (@alicloud/credentials)', () => {
  it('passes an AccessKey pair through', async () => {
    const provider = await createAlicloudCredentials({
      type: 'access_key',
      accessKeyId: 'ak-id',
      accessKeySecret: 'ak-secret',
    });
    await expect(provider.getCredentials()).resolves.toEqual({
      accessKeyId: 'ak-id',
      accessKeySecret: 'ak-secret',
      securityToken: undefined,
    });
  });

  it('passes an STS token through', async () => {
    const provider = await createAlicloudCredentials({
      type: 'sts',
      accessKeyId: 'STS.id',
      accessKeySecret: 'sts-secret',
      securityToken: 'sts-token',
    });
    await expect(provider.getCredentials()).resolves.toMatchObject({ securityToken: 'sts-token' });
  });

  it('turns a library failure into OssCredentialsError', async () => {
    const provider = await createAlicloudCredentials({
      type: 'oidc_role_arn',
      roleArn: 'acs:ram::1:role/x',
      oidcProviderArn: 'acs:ram::1:oidc-provider/x',
      oidcTokenFilePath: '/nonexistent/oidc-token',
      roleSessionName: 'test',
    });
    await expect(provider.getCredentials()).rejects.toBeInstanceOf(OssCredentialsError);
  });
});

// The adapter alone, over a stand-in for the package's client.
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
