// Hostile bodies on every route that reads one: text that is not JSON, JSON of the wrong shape or types,
// unknown and prototype-polluting keys, foreign content types, oversized and absurdly nested documents.
// Never a 5xx, always a documented problem, and OSS is not asked anything.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonValue, notJson, unknownFieldObject, wrongTypes } from './helpers/arbitraries.ts';
import { expectWellFormed, type HostileApp, startHostileApp } from './helpers/hostile-app.ts';
import { ROUTES, requestFor } from './helpers/requests.ts';

let h: HostileApp;
beforeAll(async () => {
  h = await startHostileApp();
});
afterAll(() => h.close());

const withBody = ROUTES.filter((row) => row.request('b', 'd').body !== undefined);
const label = (row: (typeof ROUTES)[number]) =>
  `${row.method} ${row.route} ${JSON.stringify(row.request('b', 'd').body)}`;

async function send(row: (typeof ROUTES)[number], payload: string, contentType = 'application/json') {
  await h.reset();
  const base = requestFor(row, {}, { authorization: `Bearer ${h.key.key}` });
  const res = await h.app.inject({
    ...base,
    headers: { ...(base.headers as Record<string, string>), 'content-type': contentType },
    payload,
  });
  expectWellFormed(res);
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(h.oss.calls).toEqual([]);
  return res;
}

describe.each(withBody.map((row) => [label(row), row] as const))('%s', (_name, row) => {
  it('text that is not JSON → 400 invalid-json', async () => {
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        expect((await send(row, text)).json().code).toBe('invalid-json');
      }),
      { numRuns: 80 },
    );
  });

  it('keys the schema does not know, prototype-polluting ones included → 400', async () => {
    await fc.assert(
      fc.asyncProperty(unknownFieldObject, async (text) => {
        const res = await send(row, text);
        expect(res.statusCode).toBe(400);
      }),
      { numRuns: 80 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('known fields with the wrong types, and any JSON that is not an object → 4xx', async () => {
    // null is not here: PUT reads a null body as an empty one (bind, keep the certificate).
    const notAnObject = jsonValue.filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v)));
    await fc.assert(
      fc.asyncProperty(fc.oneof(wrongTypes, notAnObject), async (body) => {
        await send(row, JSON.stringify(body));
      }),
      { numRuns: 120 },
    );
  });

  it('another content type → 415 (or 400), whatever the body', async () => {
    const type = fc.constantFrom(
      'text/plain',
      'application/xml',
      'text/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/jsonx',
      'json',
    );
    await fc.assert(
      fc.asyncProperty(
        type,
        fc.oneof(
          notJson,
          jsonValue.map((v) => JSON.stringify(v)),
        ),
        async (contentType, text) => {
          await send(row, text, contentType);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('oversized and absurdly nested bodies → 413 or 400, never a crash', async () => {
    const big = `{"domain":"${'a'.repeat(140 * 1024)}"}`;
    expect((await send(row, big)).json().code).toBe('payload-too-large');
    const deep = `${'['.repeat(60_000)}${']'.repeat(60_000)}`;
    await send(row, deep);
    const deepObject = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    await send(row, deepObject);
  });
});
