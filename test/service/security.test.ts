// Browser-facing protections: helmet headers on every answer, CORS only for listed origins (preflights
// need no key), and the body size limit.
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

describe('security headers', () => {
  it('are set on API answers, problems and health checks', async () => {
    t = await startApp();
    for (const url of ['/livez', '/buckets/web-site/cnames', '/nowhere']) {
      const res = await t.app.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=/);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('let /docs load its own scripts and styles', async () => {
    t = await startApp();
    const page = await t.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    for (const asset of page.body.matchAll(/(?:src|href)="\.?(\/static\/[^"]+)"/g)) {
      const res = await t.app.inject({ url: `/docs${asset[1]}` });
      expect(res.statusCode, asset[1]).toBe(200);
    }
  });
});

describe('CORS', () => {
  const origin = 'https://console.example.com';

  it('is off unless CORS_ORIGINS lists origins', async () => {
    t = await startApp();
    const res = await t.app.inject({ url: '/livez', headers: { origin } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers listed origins only, and preflights without a key', async () => {
    const key = testKey('browser');
    t = await startApp({ keys: [key], env: { CORS_ORIGINS: `${origin},http://localhost:3000` } });
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/buckets/web-site/cnames/www.example.com',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('PUT');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain(
      'authorization',
    );
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

    const actual = await t.app.inject({
      url: '/buckets/web-site/cnames',
      headers: { origin, 'x-api-key': key.key },
    });
    expect(actual.statusCode).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(origin);
    expect(String(actual.headers['access-control-expose-headers'])).toContain('x-request-id');
    expect(String(actual.headers['access-control-expose-headers'])).toContain('etag');

    const stranger = await t.app.inject({ url: '/livez', headers: { origin: 'https://evil.example.net' } });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('body limit', () => {
  it('refuses bodies over BODY_LIMIT_BYTES with a 413 problem', async () => {
    const key = testKey('writer');
    t = await startApp({ keys: [key], env: { BODY_LIMIT_BYTES: '2048' } });
    const res = await t.app.inject({
      method: 'PUT',
      url: '/buckets/web-site/cnames/www.example.com',
      headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
      payload: JSON.stringify({ certificate: { certificate: 'x'.repeat(4096), privateKey: 'y' } }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload-too-large');
  });
});
