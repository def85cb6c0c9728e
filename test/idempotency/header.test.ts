// The Idempotency-Key header's two accepted forms and what is refused, and the fingerprint's canonical JSON.
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint, parseIdempotencyKey } from '../../src/idempotency/index.ts';

describe('parseIdempotencyKey', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['  abc  ', 'abc'],
    ['"a\\"b"', 'a"b'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('accepts %s', (header, key) => {
    expect(parseIdempotencyKey(header)).toEqual({ kind: 'key', key });
  });

  it.each([
    ['empty', ''],
    ['empty sf-string', '""'],
    ['256 characters', 'x'.repeat(256)],
    ['a space inside', 'a b'],
    ['non-ASCII', 'clé'],
    ['a control character', 'a\tb'],
    ['an unterminated sf-string', '"abc'],
    ['a bad escape', '"a\\nb"'],
    ['an sf-string holding a space', '"a b"'],
  ])('refuses %s', (_name, header) => {
    expect(parseIdempotencyKey(header)).toEqual({ kind: 'invalid' });
  });

  it('refuses the header sent twice, and reports a missing one', () => {
    expect(parseIdempotencyKey(['a', 'b'])).toEqual({ kind: 'invalid' });
    expect(parseIdempotencyKey(undefined)).toEqual({ kind: 'none' });
  });
});

describe('fingerprint', () => {
  const base = {
    method: 'PUT',
    route: '/r/:a',
    params: { a: '1' },
    query: {},
    body: { x: 1, y: [1, { b: 2, a: 1 }] },
  };

  it('ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined } })).toBe('{"a":{"d":2},"b":1}');
    expect(fingerprint(base)).toBe(fingerprint({ ...base, body: { y: [1, { a: 1, b: 2 }], x: 1 } }));
  });

  it('changes with the method, the route, the parameters, the query and the body', () => {
    const print = fingerprint(base);
    expect(fingerprint({ ...base, method: 'DELETE' })).not.toBe(print);
    expect(fingerprint({ ...base, route: '/r' })).not.toBe(print);
    expect(fingerprint({ ...base, params: { a: '2' } })).not.toBe(print);
    expect(fingerprint({ ...base, query: { dryRun: true } })).not.toBe(print);
    expect(fingerprint({ ...base, body: { x: 2, y: [1, { a: 1, b: 2 }] } })).not.toBe(print);
  });
});
