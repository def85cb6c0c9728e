// Every OSS operation the API uses × every way OSS fails, through the routes, the real client and the
// emulator's fault injection: a failure that clears within the SDK's 3 attempts is invisible to the
// caller (and OSS ends in the state the answer claims); one that outlasts them becomes the documented
// problem, naming OSS's request id when OSS answered; a skewed OSS clock is corrected on the fly.
import { describe, expect, it } from 'vitest';
import type { FaultInput } from '../../src/emulator/index.ts';
import { type FaultStack, startFaultStack } from './helpers/fault-stack.ts';
import { OP_CASES, type OpCase } from './helpers/op-cases.ts';

interface Kind {
  name: string;
  fault: Omit<FaultInput, 'op'>;
  status: number;
  code: string;
  /** OSS answered, so the problem carries its request id. */
  answered: boolean;
  retryAfter?: string;
}

const KINDS: Kind[] = [
  {
    name: '500',
    fault: { kind: 'status', status: 500 },
    status: 502,
    code: 'upstream-error',
    answered: true,
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503 },
    status: 503,
    code: 'upstream-busy',
    answered: true,
    retryAfter: '5',
  },
  {
    name: '429',
    fault: { kind: 'status', status: 429 },
    status: 503,
    code: 'upstream-busy',
    answered: true,
    retryAfter: '5',
  },
  {
    name: 'connection reset',
    fault: { kind: 'reset' },
    status: 503,
    code: 'upstream-unreachable',
    answered: false,
  },
  {
    name: 'delay past the read timeout',
    fault: { kind: 'delay', delayMs: 10_000 },
    status: 504,
    code: 'upstream-timeout',
    answered: false,
  },
  { name: 'no response', fault: { kind: 'hang' }, status: 504, code: 'upstream-timeout', answered: false },
];

async function withCase(c: OpCase, run: (stack: FaultStack) => Promise<void>): Promise<void> {
  const stack = await startFaultStack();
  try {
    await c.prepare(stack);
    if (c.warm) expect((await stack.request('GET', '/buckets/examplebucket/cnames')).statusCode).toBe(200);
    stack.attempts.length = 0;
    await run(stack);
  } finally {
    await stack.close();
  }
}

describe.concurrent.each(OP_CASES.map((c) => [c.op, c] as const))('%s', (_op, c) => {
  describe.concurrent.each(KINDS.map((k) => [k.name, k] as const))('%s', (_name, kind) => {
    it('twice, then well: the third attempt succeeds and the caller never knows', async () => {
      await withCase(c, async (s) => {
        s.emulator.addFault({ op: c.op, ...kind.fault, count: 2 } as FaultInput);
        const res = await c.run(s);
        expect(res.statusCode, res.body).toBe(c.ok);
        const attempts = s.attemptsOf(c.op);
        expect(attempts.map((a) => a.willRetry)).toEqual([true, true, false]);
        expect(attempts[2]?.status).toBe(200);
        c.verify(s, res);
      });
    });

    it(`persistently: ${kind.status} ${kind.code} after the third attempt`, async () => {
      await withCase(c, async (s) => {
        s.emulator.addFault({ op: c.op, ...kind.fault } as FaultInput);
        const res = await c.run(s);
        expect(res.statusCode, res.body).toBe(kind.status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = res.json();
        expect(problem.code).toBe(kind.code);
        const attempts = s.attemptsOf(c.op);
        expect(attempts).toHaveLength(3);
        const last = attempts.at(-1)?.requestId;
        if (kind.answered) {
          expect(last).toMatch(/^[0-9A-F]{24}$/);
          expect(problem.ossRequestId).toBe(last);
        } else {
          expect(problem.ossRequestId).toBeUndefined();
        }
        if (kind.retryAfter) expect(res.headers['retry-after']).toBe(kind.retryAfter);
      });
    });
  });

  describe.concurrent.each([
    ['20 minutes ahead', 1_200],
    ['an hour behind', -3_600],
  ])('OSS clock %s', (_name, offsetSeconds) => {
    it('RequestTimeTooSkewed once, then the corrected signature succeeds', async () => {
      await withCase(c, async (s) => {
        s.beforeNext(c.op, () => s.emulator.setClockOffset(offsetSeconds));
        const res = await c.run(s);
        expect(res.statusCode, res.body).toBe(c.ok);
        const attempts = s.attemptsOf(c.op);
        expect(attempts.map((a) => a.code)).toEqual(['RequestTimeTooSkewed', undefined]);
        c.verify(s, res);
      });
    });
  });
});
