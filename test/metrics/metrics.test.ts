// /metrics content: HTTP durations by route pattern, OSS attempts from the client's observer, auth and
// rate-limit counters, default process metrics, and the optional bearer token.
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('reader', { buckets: ['web-*'] });
let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

async function scrape(app: TestApp['app'], headers: Record<string, string> = {}) {
  const res = await app.inject({ url: '/metrics', headers });
  return { res, text: res.body };
}

/** The value of one sample line, e.g. name{labels} 3. */
function sample(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics', () => {
  it('exposes HTTP, OSS, auth and process metrics in Prometheus text format', async () => {
    t = await startApp({ keys: [key] });
    await t.app.inject({ url: '/buckets/web-site/cnames', headers: { 'x-api-key': key.key } });
    await t.app.inject({ url: '/buckets/web-missing/cnames', headers: { 'x-api-key': key.key } });
    await t.app.inject({ url: '/buckets/web-site/cnames' });
    await t.app.inject({ url: '/no/such/page' });

    const { res, text } = await scrape(t.app);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="GET",route="/buckets/:bucket/cnames",status_code="200"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="GET",route="/buckets/:bucket/cnames",status_code="401"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
    ).toBe(1);
    expect(sample(text, 'oss_request_duration_seconds_count{operation="ListCname",outcome="success"}')).toBe(
      1,
    );
    expect(
      sample(text, 'oss_request_duration_seconds_count{operation="GetBucketLocation",outcome="error"}'),
    ).toBe(1);
    expect(sample(text, 'oss_request_errors_total{operation="GetBucketLocation",code="NoSuchBucket"}')).toBe(
      1,
    );
    expect(sample(text, 'api_auth_failures_total{code="missing-api-key"}')).toBe(1);
    expect(sample(text, 'api_keys_loaded')).toBe(1);
    expect(text).toContain('# TYPE oss_retries_total counter');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).not.toContain('web-site');
  });

  it('counts retries and network failures reported by the client observer', async () => {
    t = await startApp();
    const base = { operation: 'PutCname', durationMs: 12, requestId: undefined };
    const observer = t.app.metrics.ossObserver;
    observer.onAttempt?.({ ...base, attempt: 1, status: 503, code: 'ServiceUnavailable', willRetry: true });
    observer.onAttempt?.({ ...base, attempt: 2, status: undefined, code: 'ReadTimeout', willRetry: true });
    observer.onAttempt?.({ ...base, attempt: 3, status: 200, code: undefined, willRetry: false });
    const { text } = await scrape(t.app);
    expect(sample(text, 'oss_retries_total{operation="PutCname"}')).toBe(2);
    expect(
      sample(text, 'oss_request_duration_seconds_count{operation="PutCname",outcome="network-error"}'),
    ).toBe(1);
    expect(sample(text, 'oss_request_duration_seconds_count{operation="PutCname",outcome="error"}')).toBe(1);
    expect(sample(text, 'oss_request_duration_seconds_count{operation="PutCname",outcome="success"}')).toBe(
      1,
    );
    expect(sample(text, 'oss_request_errors_total{operation="PutCname",code="ReadTimeout"}')).toBe(1);
  });

  it('keeps two apps in one process apart', async () => {
    t = await startApp();
    const other = await startApp();
    try {
      await other.app.inject({ url: '/livez' });
      const { text } = await scrape(t.app);
      expect(
        sample(text, 'http_request_duration_seconds_count{method="GET",route="/livez",status_code="200"}'),
      ).toBe(undefined);
    } finally {
      await other.app.close();
    }
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    t = await startApp({ env: { METRICS_TOKEN: token } });
    const without = await scrape(t.app);
    expect(without.res.statusCode).toBe(401);
    expect(without.res.json().code).toBe('invalid-metrics-token');
    expect((await scrape(t.app, { authorization: 'Bearer wrong-token-0123456789' })).res.statusCode).toBe(
      401,
    );
    const withToken = await scrape(t.app, { authorization: `Bearer ${token}` });
    expect(withToken.res.statusCode).toBe(200);
    expect(withToken.text).toContain('http_request_duration_seconds');
  });
});
