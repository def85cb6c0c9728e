// The informational findings of issue 19's hostile review, each pinned: a trailing slash is not a wrong
// method, a repeated X-API-Key says so, `limit` takes decimal digits only, unknown body keys are not
// echoed without bound, and the emulator's admin API refuses what a web page could send it.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { startEmulator } from '../emulator/helpers/emulator.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('k');
let started: TestApp;
beforeAll(async () => {
  started = await startApp({ keys: [key] });
});
afterAll(() => started.app.close());

function inject(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers = key.headers) {
  return started.app.inject({ method, url, payload: payload as never, headers });
}

describe('API answers', () => {
  it('answers a trailing slash with 404 and the path to use, not a 405 allowing the same method', async () => {
    const res = await inject('DELETE', '/buckets/examplebucket/cnames/a.example.com/');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route-not-found' });
    expect(res.json().detail).toContain(
      'drop the trailing slash: /buckets/examplebucket/cnames/a.example.com.',
    );
    expect(res.headers.allow).toBeUndefined();
  });

  it('still answers a wrong method with 405', async () => {
    const res = await inject('POST', '/buckets/examplebucket/cnames/a.example.com');
    expect(res.statusCode).toBe(405);
  });

  it('says "send X-API-Key once" for a repeated X-API-Key, even with the same key twice', async () => {
    const res = await inject('GET', '/buckets/examplebucket/cnames', undefined, {
      'x-api-key': [key.key, key.key],
    } as never);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid-api-key', detail: 'Send X-API-Key once.' });
  });

  it.each(['0x10', '1e1', ' 16', '16.0', '+16', '0b1'])('refuses limit=%s', async (limit) => {
    const res = await inject('GET', `/buckets/examplebucket/cnames?limit=${encodeURIComponent(limit)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      { in: 'querystring', path: 'limit', message: 'must be a whole number from 1 to 100' },
    ]);
  });

  it('accepts limit=16 (the fake OSS has no such bucket: the query got past validation)', async () => {
    const res = await inject('GET', '/buckets/examplebucket/cnames?limit=16');
    expect(res.json().code).toBe('bucket-not-found');
  });

  it('names a few unknown body keys, clipped, instead of echoing them all twice', async () => {
    const junk = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${i}${'k'.repeat(300)}`, 1]));
    const res = await inject('POST', '/buckets/examplebucket/cname-tokens', {
      domain: 'a.example.com',
      ...junk,
    });
    expect(res.statusCode).toBe(400);
    const [issue] = res.json().issues;
    expect(issue.message).toMatch(/^unknown fields "0k{39}…", "1k{39}…", "2k{39}…" and 197 more$/);
    expect(res.body.length).toBeLessThan(2_000);
  });
});

describe('emulator admin API', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const admin = (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    headers: Record<string, string>,
    body?: string,
  ) => request(`${emulator.url}/_emulator${path}`, { method, headers, body });

  it('refuses a text/plain POST, as a cross-site form or fetch would send', async () => {
    const res = await admin('POST', '/reset', { 'content-type': 'text/plain' }, '{}');
    expect(res.statusCode).toBe(415);
    await res.body.dump();
  });

  it('refuses a JSON POST from a foreign Origin', async () => {
    const res = await admin('POST', '/reset', {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(res.statusCode).toBe(403);
    await res.body.dump();
  });

  it('serves JSON requests from its own origin or none, and reads from anywhere', async () => {
    const own = await admin('POST', '/reset', { 'content-type': 'application/json', origin: emulator.url });
    expect(own.statusCode).toBe(200);
    await own.body.dump();
    const read = await admin('GET', '/health', { origin: 'https://evil.example' });
    expect(read.statusCode).toBe(200);
    await read.body.dump();
  });
});
