// Redirects are never followed: the only host the client talks to is the configured endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { OssServiceError } from '../../src/oss/errors.ts';
import { listCname } from '../../src/oss/index.ts';
import { ossErrorXml, sendXml, startServer } from './helpers/http-server.ts';
import { closeHarness, LIST_OK, setup } from './helpers/retry-harness.ts';

afterEach(closeHarness);

describe('redirects', () => {
  it('are not followed: a 301 is an error and the target sees nothing', async () => {
    const target = await startServer((_req, res) => sendXml(res, 200, LIST_OK));
    try {
      const h = await setup([
        (_req, res) =>
          sendXml(
            res,
            301,
            ossErrorXml(
              'PermanentRedirect',
              'The bucket you are attempting to access must be addressed using the specified endpoint.',
              {
                Endpoint: 'oss-cn-shanghai.aliyuncs.com',
              },
            ),
            { Location: `${target.origin}/examplebucket/?cname=` },
          ),
      ]);
      const err = await h.client.invoke(listCname, { bucket: 'examplebucket' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OssServiceError);
      expect(err).toMatchObject({
        status: 301,
        code: 'PermanentRedirect',
        fields: { Endpoint: 'oss-cn-shanghai.aliyuncs.com' },
      });
      expect(h.server.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });
});
