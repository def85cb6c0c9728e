// Fault injection: OSS error statuses, connection resets, delays and hangs, per operation or for all,
// for the next N requests or at a rate, before or after the operation takes effect.

import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { KEY_A, startEmulator } from './helpers/emulator.ts';
import { publishToken, tokenFor } from './helpers/lifecycle.ts';
import { type CnameOps, cnameOps, sign } from './helpers/oss-request.ts';
import { xmlAll, xmlText } from './helpers/xml.ts';

let emulator: Emulator;
let ops: CnameOps;

beforeAll(async () => {
  emulator = await startEmulator();
  ops = cnameOps(emulator.url, { bucket: 'examplebucket', credentials: KEY_A });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
});

/** A signed ListCname through undici with a short headers timeout, to observe delays and hangs. */
async function listWithTimeout(target: Emulator, headersTimeout: number) {
  const { headers } = sign(
    { method: 'GET', bucket: 'examplebucket', query: [['cname', '']], credentials: KEY_A },
    new Date(),
  );
  return request(`${target.url}/examplebucket/?cname=`, { headers, headersTimeout });
}

describe('status faults', () => {
  it('answers the next N requests of one operation with OSS error XML, then recovers', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'status', status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await ops.list();
      expect(answer.status).toBe(503);
      expect(answer.code).toBe('ServiceUnavailable');
      expect(answer.headers['x-oss-ec']).toBe(answer.ec);
      expect(answer.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
      expect(xmlText(answer.body, 'Error/RequestId')).toBe(answer.headers['x-oss-request-id']);
    }
    expect((await ops.list()).status).toBe(200);
  });

  it('leaves other operations alone', async () => {
    emulator.addFault({ op: 'PutCname', kind: 'status', status: 500 });
    expect((await ops.list()).status).toBe(200);
    const put = await ops.put('a.example.com');
    expect(put.status).toBe(500);
    expect(put.code).toBe('InternalError');
  });

  it('applies "*" to every operation and answers 429 as TooManyRequests', async () => {
    emulator.addFault({ op: '*', kind: 'status', status: 429, count: 2 });
    expect((await ops.location()).code).toBe('TooManyRequests');
    expect((await ops.info()).status).toBe(429);
    expect((await ops.info()).status).toBe(200);
  });

  it('fails before authentication: even a badly signed request sees the fault', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'status', status: 503, count: 1 });
    const bad = cnameOps(emulator.url, {
      bucket: 'examplebucket',
      credentials: { ...KEY_A, accessKeySecret: 'x' },
    });
    expect((await bad.list()).status).toBe(503);
  });

  it('stops when the faults are cleared', async () => {
    emulator.addFault({ op: '*', kind: 'status', status: 503 });
    expect((await ops.list()).status).toBe(503);
    expect(emulator.clearFaults()).toBe(1);
    expect((await ops.list()).status).toBe(200);
  });
});

describe('rates', () => {
  it('fires when the random draw is below the rate', async () => {
    const draws = [0.1, 0.9, 0.29, 0.3];
    const seeded = await startEmulator({ random: () => draws.shift() ?? 1 });
    try {
      seeded.addFault({ op: 'ListCname', kind: 'status', status: 503, rate: 0.3 });
      const seededOps = cnameOps(seeded.url, { bucket: 'examplebucket', credentials: KEY_A });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await seededOps.list()).status);
      expect(statuses).toEqual([503, 200, 503, 200]);
      expect(seeded.state().faults[0]?.hits).toBe(2);
    } finally {
      await seeded.close();
    }
  });
});

describe('connection faults', () => {
  it('resets the connection', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'reset', count: 1 });
    await expect(ops.list()).rejects.toThrow();
    expect((await ops.list()).status).toBe(200);
  });

  it('delays the answer and then answers normally', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'delay', delayMs: 20, count: 1 });
    expect((await ops.list()).status).toBe(200);
  });

  it('makes a client with a shorter timeout give up on a long delay', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'delay', delayMs: 60_000, count: 1 });
    await expect(listWithTimeout(emulator, 100)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('hangs until the client gives up, and close() still finishes', async () => {
    const hanging = await startEmulator();
    hanging.addFault({ op: '*', kind: 'hang' });
    const stuck = listWithTimeout(hanging, 60_000);
    await expect(listWithTimeout(hanging, 100)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    const [closed, abandoned] = await Promise.allSettled([hanging.close(), stuck]);
    expect(closed.status).toBe('fulfilled');
    expect(abandoned.status).toBe('rejected');
  });
});

describe('faults after the effect', () => {
  it('binds the domain and then fails PutCname; a retry finds it bound, not duplicated', async () => {
    await publishToken(emulator, ops, 'a.example.com');
    emulator.addFault({ op: 'PutCname', kind: 'status', status: 503, count: 1, when: 'after' });
    expect((await ops.put('a.example.com')).status).toBe(503);
    expect(emulator.state().bindings.map((b) => b.domain)).toEqual(['a.example.com']);
    expect((await ops.put('a.example.com')).status).toBe(200);
    expect(xmlAll((await ops.list()).body, 'ListCnameResult/Cname')).toHaveLength(1);
  });

  it('creates the token and then resets; a retry gets the same token', async () => {
    emulator.addFault({ op: 'CreateCnameToken', kind: 'reset', count: 1, when: 'after' });
    await expect(ops.createToken('b.example.com')).rejects.toThrow();
    const stored = emulator.state().tokens.map((t) => t.token);
    expect(stored).toHaveLength(1);
    expect(await tokenFor(ops, 'b.example.com')).toBe(stored[0]);
  });

  it('deletes and then fails DeleteCname; the retry is a harmless 200', async () => {
    await publishToken(emulator, ops, 'c.example.com');
    expect((await ops.put('c.example.com')).status).toBe(200);
    emulator.addFault({ op: 'DeleteCname', kind: 'status', status: 500, count: 1, when: 'after' });
    expect((await ops.remove('c.example.com')).status).toBe(500);
    expect(emulator.state().bindings).toEqual([]);
    expect((await ops.remove('c.example.com')).status).toBe(200);
  });
});
