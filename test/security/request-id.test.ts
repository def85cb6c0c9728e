// An API key sent as X-Request-Id (a client mixing up headers) must be neither echoed nor logged (issue 19,
// F13): the request id is bound to every log line of the request, outside the scrubber's reach.
import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/auth/api-key.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

let started: TestApp | undefined;
afterEach(async () => {
  await started?.app.close();
  started = undefined;
});

describe('key-shaped request ids', () => {
  it.each([
    ['the caller’s own key', (key: string) => key],
    ['another key', () => generateApiKey()],
    ['a key in upper case', () => generateApiKey().toUpperCase()],
  ])('replaces %s with a fresh id, in the answer and in every log line', async (_what, pick) => {
    const key = testKey('k');
    started = await startApp({ keys: [key] });
    const forged = pick(key.key);
    for (const headers of [{ ...key.headers }, {}]) {
      const res = await started.app.inject({
        method: 'GET',
        url: '/buckets/examplebucket/cnames',
        headers: { ...headers, 'x-request-id': forged },
      });
      expect(res.headers['x-request-id']).not.toBe(forged);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).not.toContain(forged);
    }
    expect(started.logs.text).not.toContain(forged);
    expect(started.logs.text.toLowerCase()).not.toContain(forged.toLowerCase().slice(5));
  });

  it('keeps an ordinary id', async () => {
    started = await startApp({ keys: [testKey('k')] });
    const res = await started.app.inject({
      method: 'GET',
      url: '/livez',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(res.headers['x-request-id']).toBe('trace-42');
  });
});
