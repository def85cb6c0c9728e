// ReadinessProbe and /readyz against a scripted OSS: cached answers, one probe at a time, AccessDenied
// counted as ready (credentials accepted), other failures and shutdown as 503 problems.
import { afterEach, describe, expect, it } from 'vitest';
import { ReadinessProbe } from '../../src/health/readiness.ts';
import { OssNetworkError, OssServiceError } from '../../src/oss/errors.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { FakeOss } from '../helpers/fake-oss.ts';

class ScriptedOss extends FakeOss {
  probes = 0;
  next: () => Promise<unknown> = async () => undefined;
  override listBuckets() {
    this.probes++;
    return this.next().then(() => super.listBuckets());
  }
}

const denied = () =>
  new OssServiceError({
    status: 403,
    operation: 'ListBuckets',
    requestId: 'R'.repeat(24),
    ec: '0003-00000001',
    headers: {},
    code: 'AccessDenied',
    message: 'denied',
    hostId: 'h',
    fields: {},
  });

const badKey = () =>
  new OssServiceError({
    status: 403,
    operation: 'ListBuckets',
    requestId: 'R'.repeat(24),
    ec: '0002-00000902',
    headers: {},
    code: 'InvalidAccessKeyId',
    message: 'The OSS Access Key Id you provided does not exist in our records.',
    hostId: 'h',
    fields: {},
  });

describe('ReadinessProbe', () => {
  it('caches the answer for cacheMs, then asks again', async () => {
    let now = 1_000;
    const oss = new ScriptedOss();
    const probe = new ReadinessProbe(oss, { cacheMs: 5_000, timeoutMs: 1_000, clock: () => now });
    expect((await probe.check()).ready).toBe(true);
    now += 4_999;
    await probe.check();
    expect(oss.probes).toBe(1);
    now += 1;
    oss.next = () => Promise.reject(new OssNetworkError('ListBuckets', false, new Error('ECONNREFUSED')));
    expect(await probe.check()).toMatchObject({ ready: false, code: 'NetworkError' });
    expect(oss.probes).toBe(2);
  });

  it('shares one probe between concurrent checks', async () => {
    const oss = new ScriptedOss();
    let release: () => void = () => {};
    oss.next = () => new Promise<void>((resolve) => (release = resolve));
    const probe = new ReadinessProbe(oss, { cacheMs: 0, timeoutMs: 1_000, clock: Date.now });
    const checks = [probe.check(), probe.check(), probe.check()];
    release();
    expect((await Promise.all(checks)).every((r) => r.ready)).toBe(true);
    expect(oss.probes).toBe(1);
  });

  it('counts AccessDenied as ready and a rejected key as not ready', async () => {
    const oss = new ScriptedOss();
    const probe = new ReadinessProbe(oss, { cacheMs: 0, timeoutMs: 1_000, clock: Date.now });
    oss.next = () => Promise.reject(denied());
    expect(await probe.check()).toMatchObject({ ready: true, note: 'ListBuckets not granted' });
    oss.next = () => Promise.reject(badKey());
    expect(await probe.check()).toMatchObject({ ready: false, code: 'InvalidAccessKeyId' });
  });
});

describe('/readyz', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.close();
    t = undefined;
  });

  it('answers 503 not-ready with the OSS code, then 200 once OSS answers', async () => {
    const oss = new ScriptedOss();
    t = await startApp({ env: { READINESS_CACHE_MS: '0' }, oss });
    oss.next = () => Promise.reject(badKey());
    const down = await t.app.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['cache-control']).toBe('no-store');
    expect(down.json()).toMatchObject({ code: 'not-ready', ossCode: 'InvalidAccessKeyId' });
    expect((await t.app.inject({ url: '/metrics' })).body).toContain('oss_ready 0');

    oss.next = async () => undefined;
    const up = await t.app.inject({ url: '/readyz' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ready' });
    expect((await t.app.inject({ url: '/metrics' })).body).toContain('oss_ready 1');
  });

  it('answers 503 shutting-down once the app starts closing', async () => {
    t = await startApp();
    t.app.readiness.markShuttingDown();
    const res = await t.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('shutting-down');
  });
});
