// The circuit breaker as callers and operators see it: after repeated OSS failures the API answers
// 503 upstream-unavailable with Retry-After at once, without calling OSS, for reads and writes alike;
// caller errors never trip it; after the cool-down one request probes OSS and the service recovers by
// itself; one region's outage leaves other regions alone; /metrics shows each region's state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GuardedApp, startGuardedApp } from './helpers/guarded-app.ts';
import { serviceError, UNHEALTHY } from './helpers/oss-failures.ts';

const HANGZHOU = 'oss_circuit_state{region="cn-hangzhou"}';
const SINGAPORE = 'oss_circuit_state{region="ap-southeast-1"}';
let t: GuardedApp;

beforeEach(async () => {
  t = await startGuardedApp();
  // Region discovery first, so the counts below are ListCname calls only.
  expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(200);
  expect((await t.get('/buckets/far-site/cnames')).statusCode).toBe(200);
});
afterEach(() => t.app.close());

async function tripHangzhou(): Promise<void> {
  t.oss.fail(
    'listCname',
    () => serviceError(503, 'ServiceUnavailable'),
    Number.POSITIVE_INFINITY,
    'cn-hangzhou',
  );
  for (let i = 0; i < 5; i++) expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(503);
}

describe('opening', () => {
  it.each(UNHEALTHY)('five consecutive failed calls (%s) open the circuit', async (_name, error) => {
    t.oss.fail('listCname', error);
    for (let i = 0; i < 5; i++) {
      const res = await t.get('/buckets/web-site/cnames');
      expect(res.json().code).not.toBe('upstream-unavailable');
    }
    const before = t.oss.calls.length;
    const res = await t.get('/buckets/web-site/cnames');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({
      code: 'upstream-unavailable',
      region: 'cn-hangzhou',
      retryAfterSeconds: 5,
    });
    expect(t.oss.calls.length).toBe(before);
    expect(await t.metric(HANGZHOU)).toBe(2);
  });

  it('refuses writes without calling OSS, and logs the refusal with its code', async () => {
    await tripHangzhou();
    const before = t.oss.calls.length;
    const put = await t.app.inject({
      method: 'PUT',
      url: '/buckets/web-site/cnames/www.example.com',
      headers: { authorization: `Bearer ${t.key.key}` },
    });
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/buckets/web-site/cnames/www.example.com',
      headers: { authorization: `Bearer ${t.key.key}` },
    });
    expect([put.statusCode, del.statusCode]).toEqual([503, 503]);
    expect(put.json().code).toBe('upstream-unavailable');
    expect(t.oss.calls.length).toBe(before);
    const line = t.logs.lines.find((l) => l.requestId === put.json().requestId);
    expect(line).toMatchObject({ status: 503, code: 'upstream-unavailable' });
  });

  it('never opens on caller errors, however many', async () => {
    t.oss.fail('listCname', () => serviceError(404, 'NoSuchBucket'));
    for (let i = 0; i < 20; i++) expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(404);
    expect(await t.metric(HANGZHOU)).toBe(0);
  });

  it('a success in between resets the count', async () => {
    for (let round = 0; round < 3; round++) {
      t.oss.fail('listCname', () => serviceError(500, 'InternalError'), 4);
      for (let i = 0; i < 4; i++) expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(502);
      expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(200);
    }
    expect(await t.metric(HANGZHOU)).toBe(0);
  });

  it('one region failing leaves the others serving', async () => {
    await tripHangzhou();
    expect((await t.get('/buckets/web-site/cnames')).json().code).toBe('upstream-unavailable');
    expect((await t.get('/buckets/far-site/cnames')).statusCode).toBe(200);
    expect(await t.metric(SINGAPORE)).toBe(0);
  });
});

describe('recovering', () => {
  it('keeps refusing until the cool-down is over, then one request probes OSS and closes the circuit', async () => {
    await tripHangzhou();
    t.oss.heal();
    t.advance(4_000);
    const early = await t.get('/buckets/web-site/cnames');
    expect(early.json().code).toBe('upstream-unavailable');
    expect(early.headers['retry-after']).toBe('1');
    t.advance(1_000);
    const before = t.oss.calls.length;
    expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(200);
    expect(t.oss.calls.length).toBe(before + 1);
    expect(await t.metric(HANGZHOU)).toBe(0);
    for (let i = 0; i < 3; i++) expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(200);
  });

  it('a failed probe opens it again for twice as long', async () => {
    await tripHangzhou();
    t.advance(5_000);
    const probe = await t.get('/buckets/web-site/cnames');
    expect(probe.json().code).toBe('upstream-busy');
    const refused = await t.get('/buckets/web-site/cnames');
    expect(refused.json().code).toBe('upstream-unavailable');
    expect(refused.headers['retry-after']).toBe('10');
    expect(await t.metric(HANGZHOU)).toBe(2);
  });

  it('while the probe is in flight, other requests are refused', async () => {
    await tripHangzhou();
    t.oss.heal();
    t.advance(5_000);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => {};
    const probeReachedOss = new Promise<void>((resolve) => (reached = resolve));
    const listCname = t.fake.listCname.bind(t.fake);
    t.fake.listCname = async (input) => {
      reached();
      await gate;
      return listCname(input);
    };
    const probe = t.get('/buckets/web-site/cnames');
    await probeReachedOss;
    expect(await t.metric(HANGZHOU)).toBe(1);
    const other = await t.get('/buckets/web-site/cnames');
    expect(other.json().code).toBe('upstream-unavailable');
    release();
    expect((await probe).statusCode).toBe(200);
    expect((await t.get('/buckets/web-site/cnames')).statusCode).toBe(200);
  });

  it('readiness still asks OSS itself while the circuit is open', async () => {
    await tripHangzhou();
    const before = t.oss.ops().filter((op) => op === 'listBuckets').length;
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(t.oss.ops().filter((op) => op === 'listBuckets').length).toBe(before + 1);
  });
});

describe('configuration', () => {
  it('takes its threshold and cool-down from OSS_CIRCUIT_FAILURES and OSS_CIRCUIT_COOLDOWN_MS', async () => {
    const tuned = await startGuardedApp({}, { OSS_CIRCUIT_FAILURES: '2', OSS_CIRCUIT_COOLDOWN_MS: '12000' });
    try {
      expect((await tuned.get('/buckets/web-site/cnames')).statusCode).toBe(200);
      tuned.oss.fail('listCname', () => serviceError(503, 'ServiceUnavailable'), Number.POSITIVE_INFINITY);
      for (let i = 0; i < 2; i++) expect((await tuned.get('/buckets/web-site/cnames')).statusCode).toBe(503);
      const before = tuned.oss.calls.length;
      const res = await tuned.get('/buckets/web-site/cnames');
      expect(res.json()).toMatchObject({ code: 'upstream-unavailable', retryAfterSeconds: 12 });
      expect(res.headers['retry-after']).toBe('12');
      expect(tuned.oss.calls.length).toBe(before);
    } finally {
      await tuned.app.close();
    }
  });
});
