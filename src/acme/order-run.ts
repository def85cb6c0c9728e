// One step at a time for the reconciler (advanceOrder), and the whole order in one call for emulator
// mode and tests (runOrder), which waits between polls and gives up at a deadline.

import { AcmeError } from './errors.ts';
import type { OrderContext } from './order-context.ts';
import { downloadCertificate, finalizeOrder, pollOrder } from './order-finish.ts';
import { completeChallenges, precheckChallenges, publishChallenges } from './order-start.ts';
import type { IssuedCertificate, OrderRecord } from './types.ts';

export interface StepResult {
  record: OrderRecord;
  /** Set once, by the step that downloads it. */
  certificate?: IssuedCertificate;
}

/** Runs the step the record is at. keyPem is the certificate key, needed by the finalize step. */
export async function advanceOrder(
  ctx: OrderContext,
  record: OrderRecord,
  keyPem: string,
): Promise<StepResult> {
  switch (record.step) {
    case 'publish':
      return { record: await publishChallenges(ctx, record) };
    case 'precheck':
      return { record: await precheckChallenges(ctx, record) };
    case 'complete':
      return { record: await completeChallenges(ctx, record) };
    case 'poll':
      return { record: await pollOrder(ctx, record) };
    case 'finalize':
      return { record: await finalizeOrder(ctx, record, keyPem) };
    case 'download':
      return downloadCertificate(ctx, record);
    case 'done':
      throw new Error('the order is already done');
  }
}

export interface RunOptions {
  /** Give up after this many milliseconds; default 60 000. */
  timeoutMs?: number;
  /** Keep retrying a not-yet-visible challenge until the deadline instead of failing at once. */
  waitForVisibility?: boolean;
}

export async function runOrder(
  ctx: OrderContext,
  start: OrderRecord,
  keyPem: string,
  opts: RunOptions = {},
): Promise<{ record: OrderRecord; certificate: IssuedCertificate }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let record = start;
  for (;;) {
    const wait = record.notBefore === undefined ? 0 : Date.parse(record.notBefore) - Date.now();
    if (wait > 0) await pause(Math.min(wait, deadline - Date.now()));
    if (Date.now() > deadline) {
      throw new AcmeError(
        'acme-order-failed',
        `The order did not finish in time; it stopped at step ${record.step}.`,
        {
          retryable: true,
        },
      );
    }
    try {
      const result = await advanceOrder(ctx, record, keyPem);
      if (result.certificate !== undefined) return { record: result.record, certificate: result.certificate };
      record = result.record;
    } catch (error) {
      const retry =
        opts.waitForVisibility === true &&
        error instanceof AcmeError &&
        error.code === 'acme-challenge-not-visible' &&
        record.step === 'precheck';
      if (!retry || Date.now() > deadline) throw error;
      record = { ...record, notBefore: new Date(Date.now() + (ctx.pollIntervalMs ?? 1_000)).toISOString() };
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
