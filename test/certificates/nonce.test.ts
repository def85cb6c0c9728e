// Pebble rejecting a share of good nonces (its default test mode, left on here): the driver still issues,
// acme-client retrying each badNonce answer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundRow, type DriverFixture, delegate, startDriverFixture } from './driver-fixture.ts';

let fx: DriverFixture;
beforeAll(async () => {
  fx = await startDriverFixture({ nonceReject: 30 });
});
afterAll(() => fx?.close());

describe('ACME driver with badNonce rejections on', () => {
  it('issues certificates for several domains', async () => {
    const driver = await fx.driver(await fx.memoryStore());
    for (const domain of ['n1.example.com', 'n2.example.com', 'n3.example.com']) {
      await delegate(fx.emulator, driver, domain);
      const seen = await driver.advance(boundRow(domain), 'issue', new Date());
      expect(seen.at(-1)).toMatchObject({ kind: 'certificate', step: 'issued' });
    }
  });
});
