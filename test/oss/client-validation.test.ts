import { afterEach, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/client.ts';
import { OssResponseParseError, OssValidationError } from '../../src/oss/errors.ts';
import { listBuckets, listCname, putCname } from '../../src/oss/index.ts';
import { fakeOss, runCleanups, setup } from './helpers/client-harness.ts';
import { sendXml } from './helpers/http-server.ts';

afterEach(runCleanups);

describe('client-side validation and robustness', () => {
  it.each([
    ['bad bucket', (c: OssClient) => c.invoke(listCname, { bucket: 'Bad_Bucket' }), 'bucket'],
    [
      'empty domain',
      (c: OssClient) => c.invoke(putCname, { bucket: 'examplebucket', domain: ' ' }),
      'domain',
    ],
    [
      'bad region',
      (c: OssClient) => c.invoke(listCname, { bucket: 'examplebucket' }, { region: 'cn hangzhou' }),
      'region',
    ],
    ['bad maxKeys', (c: OssClient) => c.invoke(listBuckets, { maxKeys: 0 }), 'maxKeys'],
  ])('%s is refused before anything is sent', async (_name, call, field) => {
    const { client, server, events } = await setup(fakeOss);
    const err = await Promise.resolve()
      .then(() => call(client))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssValidationError);
    expect((err as OssValidationError).field).toBe(field);
    expect(server.requests).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('a 2xx body that is not the expected XML is a parse error, not retried', async () => {
    const { client, server } = await setup((_req, res) => sendXml(res, 200, '<html>oops</html>'));
    const err = await client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssResponseParseError);
    expect(err).toMatchObject({ code: 'UnexpectedXmlRoot', operation: 'ListCname' });
    expect(server.requests).toHaveLength(1);
  });

  it('an observer that throws does not break calls', async () => {
    const { client } = await setup(fakeOss, {
      observer: {
        onAttempt: () => {
          throw new Error('metrics down');
        },
      },
    });
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).resolves.toMatchObject({
      status: 200,
    });
  });

  it('constructor rejects a bad region or endpoint', () => {
    const credentials = { accessKeyId: 'a', accessKeySecret: 'b' };
    expect(() => new OssClient({ region: 'CN', credentials })).toThrow(OssValidationError);
    expect(() => new OssClient({ region: 'cn-hangzhou', endpoint: 'ftp://x', credentials })).toThrow(
      OssValidationError,
    );
  });
});
