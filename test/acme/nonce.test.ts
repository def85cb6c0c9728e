import acme from 'acme-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrivateKey, runOrder, startOrder } from '../../src/acme/index.ts';
import { type AcmeFixture, startAcmeFixture } from './fixture.ts';

let fx: AcmeFixture;
beforeAll(async () => {
  // Pebble rejects this share of good nonces with badNonce, as a CA cluster may.
  fx = await startAcmeFixture({ nonceReject: 30 });
});
afterAll(() => {
  acme.setLogger(() => {});
  return fx?.close();
});

it('issues while Pebble rejects nonces, by retrying each rejected request', async () => {
  const log: string[] = [];
  acme.setLogger((message) => log.push(message));
  const ctx = await fx.context();
  for (const domain of ['nonce-a.example.com', 'nonce-b.example.com']) {
    fx.delegate(domain);
    const { certificate } = await runOrder(ctx, await startOrder(ctx, [domain]), await createPrivateKey(), {
      timeoutMs: 15_000,
    });
    expect(certificate.certificatePem).toContain('BEGIN CERTIFICATE');
  }
  expect(log.filter((line) => /invalid nonce/i.test(line)).length).toBeGreaterThan(0);
});
