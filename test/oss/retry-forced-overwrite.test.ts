// A forced certificate overwrite (Force=true) must not run twice when OSS may already have applied it.
import { afterEach, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/client.ts';
import { OssNetworkError } from '../../src/oss/errors.ts';
import { putCname } from '../../src/oss/index.ts';
import type { OssAttemptEvent } from '../../src/oss/types.ts';
import type { Handler } from './helpers/http-server.ts';
import { closeHarness, forgetServer, SECRET, setup, status } from './helpers/retry-harness.ts';

afterEach(closeHarness);

describe('retry safety of a forced certificate overwrite', () => {
  const forced = {
    bucket: 'examplebucket',
    domain: 'example.com',
    certificate: { certId: '493-cn-hangzhou', force: true },
  };
  const empty: Handler = (_req, res) => {
    res.writeHead(200, { 'x-oss-request-id': 'R' });
    res.end();
  };

  it('is not repeated after an ambiguous 5xx', async () => {
    const h = await setup([status(503, 'ServiceUnavailable'), empty]);
    await expect(h.client.invoke(putCname, forced)).rejects.toMatchObject({ status: 503 });
    expect(h.server.requests).toHaveLength(1);
    expect(h.events[0]?.willRetry).toBe(false);
  });

  it('is repeated after a 4xx refusal (OSS did not apply it)', async () => {
    const h = await setup([status(429, 'Throttling'), empty]);
    await h.client.invoke(putCname, forced);
    expect(h.server.requests).toHaveLength(2);
  });

  it('is repeated when the connection was refused (never sent)', async () => {
    const h = await setup([empty]);
    const closedPort = h.server.port;
    await h.server.close();
    forgetServer();
    const events: OssAttemptEvent[] = [];
    const observed = new OssClient({
      region: 'cn-hangzhou',
      endpoint: `http://127.0.0.1:${closedPort}`,
      credentials: { accessKeyId: 'ak', accessKeySecret: SECRET },
      retry: { sleep: async () => {} },
      observer: { onAttempt: (e) => events.push(e) },
    });
    try {
      const err = await observed.invoke(putCname, forced).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OssNetworkError);
      expect((err as OssNetworkError).requestSent).toBe(false);
      expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
    } finally {
      await observed.close();
    }
  });

  it('a PreviousCertId rotation (no Force) is repeated after a 5xx: the precondition protects it', async () => {
    const h = await setup([status(503, 'ServiceUnavailable'), empty]);
    await h.client.invoke(putCname, {
      ...forced,
      certificate: { certId: '2-cn-hangzhou', previousCertId: '1-cn-hangzhou' },
    });
    expect(h.server.requests).toHaveLength(2);
  });
});
