// A RequestTimeTooSkewed answer is retried once, signed with the server's clock from then on.
import { afterEach, describe, expect, it } from 'vitest';
import { listCname } from '../../src/oss/index.ts';
import { parseIsoBasic } from '../../src/oss/signer/index.ts';
import { type Handler, ossErrorXml, sendXml } from './helpers/http-server.ts';
import { closeHarness, LIST_OK, setup } from './helpers/retry-harness.ts';

afterEach(closeHarness);

describe('clock-skew correction', () => {
  const SERVER_NOW = Date.parse('2024-06-01T12:00:00Z');
  const skewChecking: Handler = (req, res) => {
    const signed = parseIsoBasic(req.headers['x-oss-date'] ?? '')?.getTime() ?? 0;
    if (Math.abs(signed - SERVER_NOW) > 15 * 60_000) {
      sendXml(
        res,
        403,
        ossErrorXml(
          'RequestTimeTooSkewed',
          'The difference between the request time and the current time is too large.',
        ),
        {
          Date: new Date(SERVER_NOW).toUTCString(),
        },
      );
      return;
    }
    sendXml(res, 200, LIST_OK);
  };

  it('learns the offset from the Date header and signs later requests with it', async () => {
    const local = SERVER_NOW - 3 * 3600_000; // our clock is 3 h behind
    const h = await setup([skewChecking], { clock: () => local });
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(2);
    expect(h.client.clockOffsetMs).toBe(3 * 3600_000);
    expect(h.server.requests[1]?.headers['x-oss-date']).toBe('20240601T120000Z');
    await h.client.invoke(listCname, { bucket: 'examplebucket' });
    expect(h.server.requests).toHaveLength(3); // no further skew error
  });
});
