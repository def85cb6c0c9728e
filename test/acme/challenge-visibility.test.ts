import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcmeError,
  challengeCname,
  completeChallenges,
  createPrivateKey,
  LETS_ENCRYPT_LIMITS,
  type OrderContext,
  OrderLimiter,
  type OrderRecord,
  pollOrder,
  precheckChallenges,
  publishChallenges,
  runOrder,
  startOrder,
} from '../../src/acme/index.ts';
import { type AcmeFixture, LABEL_SECRET, startAcmeFixture, ZONE } from './fixture.ts';

let fx: AcmeFixture;
let ctx: OrderContext;
beforeAll(async () => {
  fx = await startAcmeFixture();
  ctx = await fx.context();
});
afterAll(() => fx?.close());

async function failure(run: () => Promise<unknown>): Promise<AcmeError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AcmeError) return error;
    throw error;
  }
  throw new Error('expected an AcmeError');
}

/** Polls until the CA has decided; the deadline keeps a hung validation from hanging the test. */
async function pollUntilDecided(record: OrderRecord): Promise<OrderRecord> {
  const deadline = Date.now() + 10_000;
  let current = record;
  while (current.step === 'poll' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    current = await pollOrder(ctx, current);
  }
  return current;
}

describe('the challenge CNAME', () => {
  it('when missing, the pre-check says which CNAME to add; once added, the same order issues', async () => {
    const domain = 'missing.example.com';
    const published = await publishChallenges(ctx, await startOrder(ctx, [domain]));
    const error = await failure(() => precheckChallenges(ctx, published));
    const cname = challengeCname(domain, LABEL_SECRET, ZONE);
    expect(error.code).toBe('acme-challenge-not-visible');
    expect(error.retryable).toBe(true);
    expect(error.detail).toContain(`_acme-challenge.${domain} has no CNAME (NXDOMAIN)`);
    expect(error.detail).toContain(`${cname.name} CNAME ${cname.value}`);

    fx.delegate(domain);
    const { certificate } = await runOrder(ctx, published, await createPrivateKey(), { timeoutMs: 15_000 });
    expect(certificate.certificatePem).toContain('BEGIN CERTIFICATE');
  });

  it('when pointing elsewhere, the pre-check names both targets', async () => {
    const domain = 'wrong.example.com';
    fx.delegate(domain, `somewhere-else.${ZONE}`);
    const published = await publishChallenges(ctx, await startOrder(ctx, [domain]));
    const error = await failure(() => precheckChallenges(ctx, published));
    expect(error.code).toBe('acme-challenge-not-visible');
    expect(error.detail).toContain(
      `leads to somewhere-else.${ZONE}, not to ${challengeCname(domain, LABEL_SECRET, ZONE).value}`,
    );

    fx.delegate(domain);
    expect((await precheckChallenges(ctx, published)).step).toBe('complete');
  });

  it("a CA that cannot see the TXT value fails with the CA's own detail; a new order issues once fixed", async () => {
    const domain = 'unseen.example.com';
    // Skipping our pre-check on purpose, so Pebble itself looks and fails.
    const completed = await completeChallenges(
      ctx,
      await publishChallenges(ctx, await startOrder(ctx, [domain])),
    );
    const error = await failure(() => pollUntilDecided(completed));
    expect(error.code).toBe('acme-challenge-not-visible');
    expect(error.extensions.acmeType).toBe('unauthorized');
    expect(String(error.extensions.caDetail)).toMatch(/TXT/);
    expect(error.detail).toContain(String(error.extensions.caDetail));
    // The failed order's TXT value is cleaned up.
    expect(fx.dns.store.get(`${completed.challenges[0]?.label}.${ZONE}`)).toEqual([]);

    fx.delegate(domain);
    const retry = await startOrder(ctx, [domain]);
    const { certificate } = await runOrder(ctx, retry, await createPrivateKey(), { timeoutMs: 15_000 });
    expect(certificate.certificatePem).toContain('BEGIN CERTIFICATE');
  });
});

describe('the order limiter on a real order', () => {
  it('counts a failed validation, and refuses new orders for that name at the limit', async () => {
    const limiter = new OrderLimiter({
      limits: { ...LETS_ENCRYPT_LIMITS, failedPerName: { max: 1, windowMs: 3_600_000 } },
    });
    const limited = { ...ctx, limiter };
    const domain = 'limited.example.com';
    const completed = await completeChallenges(
      limited,
      await publishChallenges(limited, await startOrder(limited, [domain])),
    );
    const deadline = Date.now() + 10_000;
    let current = completed;
    const error = await failure(async () => {
      while (current.step === 'poll' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        current = await pollOrder(limited, current);
      }
    });
    expect(error.code).toBe('acme-challenge-not-visible');
    const refused = await failure(() => startOrder(limited, [domain]));
    expect(refused.code).toBe('acme-rate-limited');
    expect(refused.retryAfterSeconds).toBeGreaterThan(3_500);
  });
});
