// OSS answers 404 NoSuchCname where the protocol means "nothing there": an empty list, a done delete.
import { afterEach, describe, expect, it } from 'vitest';
import { OssServiceError } from '../../src/oss/errors.ts';
import { deleteCname, listCname, putCname } from '../../src/oss/index.ts';
import { runCleanups, setup } from './helpers/client-harness.ts';
import { type Handler, ossErrorXml, sendXml } from './helpers/http-server.ts';

afterEach(runCleanups);

describe('NoSuchCname handling (protocol 2.5 / 2.6)', () => {
  const noSuchCname: Handler = (_req, res) =>
    sendXml(
      res,
      404,
      ossErrorXml('NoSuchCname', 'The specified cname does not exist.', { Bucket: 'examplebucket' }),
      {
        'x-oss-request-id': 'R404',
      },
    );

  it('ListCname: 404 NoSuchCname is an empty list', async () => {
    const { client, events } = await setup(noSuchCname);
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).resolves.toEqual({
      status: 404,
      requestId: '5C1B138A109F4E405B2D0001', // the body's RequestId wins over the header
      bucket: 'examplebucket',
      owner: '',
      cnames: [],
    });
    expect(events).toEqual([expect.objectContaining({ status: 404, code: undefined, willRetry: false })]);
  });

  it('DeleteCname: 404 NoSuchCname is success', async () => {
    const { client } = await setup(noSuchCname);
    await expect(
      client.invoke(deleteCname, { bucket: 'examplebucket', domain: 'example.com' }),
    ).resolves.toEqual({
      status: 404,
      requestId: '5C1B138A109F4E405B2D0001',
    });
  });

  it('other 404s still fail', async () => {
    const { client } = await setup((_req, res) =>
      sendXml(
        res,
        404,
        ossErrorXml('NoSuchBucket', 'The specified bucket does not exist.', { EC: '0015-00000101' }),
      ),
    );
    await expect(client.invoke(listCname, { bucket: 'examplebucket' })).rejects.toMatchObject({
      code: 'NoSuchBucket',
      ec: '0015-00000101',
    });
    await expect(
      client.invoke(putCname, { bucket: 'examplebucket', domain: 'example.com' }),
    ).rejects.toBeInstanceOf(OssServiceError);
  });
});
