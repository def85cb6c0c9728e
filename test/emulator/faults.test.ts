// Fault injection: OSS error statuses, connection resets, delays and hangs, per operation or for all,
// for the next N requests or at a rate, before or after the operation takes effect.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { listCname } from '../../src/oss/index.ts';
import { KEY_A, startEmulator } from './helpers/emulator.ts';
import { publishToken, tokenFor } from './helpers/lifecycle.ts';
import { type BucketOps, closeOssClients, emulatorBucket, serviceError, statusOf } from './helpers/oss.ts';
import { sendWire } from './helpers/raw-http.ts';
import { built } from './helpers/signed.ts';
import { xmlText } from './helpers/xml.ts';

let emulator: Emulator;
let ops: BucketOps;

beforeAll(async () => {
  emulator = await startEmulator();
  ops = emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A });
});
afterAll(async () => {
  await closeOssClients();
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
});

/** ListCname from a client with a short read timeout, to observe delays and hangs. */
function listWithTimeout(target: Emulator, readTimeoutMs: number) {
  return emulatorBucket(target.url, 'examplebucket', { credentials: KEY_A, readTimeoutMs }).list();
}

describe('status faults', () => {
  it('answers the next N requests of one operation with OSS error XML, then recovers', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'status', status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      // Raw, because the client would fill a missing body RequestId or EC from the headers.
      const request = built(emulator.url, listCname, { bucket: 'examplebucket' }, { credentials: KEY_A });
      const answer = await sendWire(emulator.url, request);
      expect(answer.status).toBe(503);
      expect(xmlText(answer.body, 'Error/Code')).toBe('ServiceUnavailable');
      expect(answer.headers['x-oss-ec']).toBe(xmlText(answer.body, 'Error/EC'));
      expect(answer.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
      expect(xmlText(answer.body, 'Error/RequestId')).toBe(answer.headers['x-oss-request-id']);
    }
    expect((await ops.list()).status).toBe(200);
  });

  it('leaves other operations alone', async () => {
    emulator.addFault({ op: 'PutCname', kind: 'status', status: 500 });
    expect((await ops.list()).status).toBe(200);
    const put = await serviceError(ops.put('a.example.com'));
    expect(put.status).toBe(500);
    expect(put.code).toBe('InternalError');
  });

  it('applies "*" to every operation and answers 429 as TooManyRequests', async () => {
    emulator.addFault({ op: '*', kind: 'status', status: 429, count: 2 });
    expect((await serviceError(ops.location())).code).toBe('TooManyRequests');
    expect(await statusOf(ops.info())).toBe(429);
    expect(await statusOf(ops.info())).toBe(200);
  });

  it('fails before authentication: even a badly signed request sees the fault', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'status', status: 503, count: 1 });
    const bad = emulatorBucket(emulator.url, 'examplebucket', {
      credentials: { ...KEY_A, accessKeySecret: 'x' },
    });
    expect(await statusOf(bad.list())).toBe(503);
  });

  it('stops when the faults are cleared', async () => {
    emulator.addFault({ op: '*', kind: 'status', status: 503 });
    expect(await statusOf(ops.list())).toBe(503);
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
      const seededOps = emulatorBucket(seeded.url, 'examplebucket', { credentials: KEY_A });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await statusOf(seededOps.list()));
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
    await expect(ops.list()).rejects.toMatchObject({ code: 'NetworkError' });
    expect((await ops.list()).status).toBe(200);
  });

  it('delays the answer and then answers normally', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'delay', delayMs: 20, count: 1 });
    expect((await ops.list()).status).toBe(200);
  });

  it('makes a client with a shorter timeout give up on a long delay', async () => {
    emulator.addFault({ op: 'ListCname', kind: 'delay', delayMs: 60_000, count: 1 });
    await expect(listWithTimeout(emulator, 100)).rejects.toMatchObject({ code: 'ReadTimeout' });
  });

  it('hangs until the client gives up, and close() still finishes', async () => {
    const hanging = await startEmulator();
    hanging.addFault({ op: '*', kind: 'hang' });
    const stuck = listWithTimeout(hanging, 60_000);
    await expect(listWithTimeout(hanging, 100)).rejects.toMatchObject({ code: 'ReadTimeout' });
    const [closed, abandoned] = await Promise.allSettled([hanging.close(), stuck]);
    expect(closed.status).toBe('fulfilled');
    expect(abandoned.status).toBe('rejected');
  });
});

describe('faults after the effect', () => {
  it('binds the domain and then fails PutCname; a retry finds it bound, not duplicated', async () => {
    await publishToken(emulator, ops, 'a.example.com');
    emulator.addFault({ op: 'PutCname', kind: 'status', status: 503, count: 1, when: 'after' });
    expect(await statusOf(ops.put('a.example.com'))).toBe(503);
    expect(emulator.state().bindings.map((b) => b.domain)).toEqual(['a.example.com']);
    expect((await ops.put('a.example.com')).status).toBe(200);
    expect((await ops.list()).cnames).toHaveLength(1);
  });

  it('creates the token and then resets; a retry gets the same token', async () => {
    emulator.addFault({ op: 'CreateCnameToken', kind: 'reset', count: 1, when: 'after' });
    await expect(ops.createToken('b.example.com')).rejects.toMatchObject({ code: 'NetworkError' });
    const stored = emulator.state().tokens.map((t) => t.token);
    expect(stored).toHaveLength(1);
    expect(await tokenFor(ops, 'b.example.com')).toBe(stored[0]);
  });

  it('deletes and then fails DeleteCname; the retry is a harmless 200', async () => {
    await publishToken(emulator, ops, 'c.example.com');
    expect((await ops.put('c.example.com')).status).toBe(200);
    emulator.addFault({ op: 'DeleteCname', kind: 'status', status: 500, count: 1, when: 'after' });
    expect(await statusOf(ops.remove('c.example.com'))).toBe(500);
    expect(emulator.state().bindings).toEqual([]);
    expect((await ops.remove('c.example.com')).status).toBe(200);
  });
});
