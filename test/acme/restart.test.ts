// Every step of an order runs in a fresh process (a new account open from the shared store, the record
// through JSON), and every step runs twice, as after a crash between doing it and saving its result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  advanceOrder,
  createPrivateKey,
  memoryAccountStore,
  type OrderRecord,
  type StepResult,
  startOrder,
} from '../../src/acme/index.ts';
import { type AcmeFixture, startAcmeFixture, verifyChain } from './fixture.ts';

let fx: AcmeFixture;
beforeAll(async () => {
  fx = await startAcmeFixture();
});
afterAll(() => fx?.close());

it('an order survives a restart at every step, and repeating a step does no harm', async () => {
  const store = memoryAccountStore();
  const domain = 'restart.example.com';
  fx.delegate(domain);
  const keyPem = await createPrivateKey();
  let record: OrderRecord = JSON.parse(
    JSON.stringify(await startOrder(await fx.context({ store }), [domain])),
  );
  const steps: string[] = [];
  const deadline = Date.now() + 20_000;
  let result: StepResult | undefined;
  while (result?.certificate === undefined && Date.now() < deadline) {
    const ctx = await fx.context({ store });
    const wait = record.notBefore === undefined ? 0 : Date.parse(record.notBefore) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    steps.push(record.step);
    // The first run's result is lost (crash); the second run from the same record is what gets saved.
    if (record.step !== 'poll') await advanceOrder(ctx, record, keyPem);
    result = await advanceOrder(ctx, record, keyPem);
    record = JSON.parse(JSON.stringify(result.record));
  }
  expect(steps[0]).toBe('publish');
  expect(new Set(steps)).toEqual(
    new Set(['publish', 'precheck', 'complete', 'poll', 'finalize', 'download']),
  );
  const leaf = verifyChain(result?.certificate?.certificatePem ?? '', fx.pebble.rootPem);
  expect(leaf.checkHost(domain)).toBe(domain);
});
