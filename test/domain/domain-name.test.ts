import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/domain/domain-name.ts';
import { requireDomain } from '../../src/domain/require-domain.ts';
import { ProblemError } from '../../src/errors/problem.ts';

describe('domain normalisation', () => {
  it.each([
    ['www.example.com', 'www.example.com'],
    ['WWW.Example.COM', 'www.example.com'],
    ['www.example.com.', 'www.example.com'],
    ['  www.example.com ', 'www.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['BÜCHER.example.', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['ｗｗｗ.example.com', 'www.example.com'],
    ['a-b.example.co.uk', 'a-b.example.co.uk'],
    ['ab.c', 'ab.c'],
  ])('%s → %s', (input, domain) => {
    expect(parseDomain(input)).toMatchObject({ ok: true, domain });
  });

  it('keeps the Unicode form for display', () => {
    expect(parseDomain('xn--bcher-kva.example')).toMatchObject({ unicode: 'bücher.example' });
  });
});

describe('domain validation', () => {
  it.each([
    ['', 'invalid-domain'],
    ['w.c', 'invalid-domain'],
    ['example', 'invalid-domain'],
    ['a..example.com', 'invalid-domain'],
    ['.example.com', 'invalid-domain'],
    ['-a.example.com', 'invalid-domain'],
    ['a-.example.com', 'invalid-domain'],
    ['_dnsauth.example.com', 'invalid-domain'],
    ['my_host.example.com', 'invalid-domain'],
    ['exa/mple.com', 'invalid-domain'],
    ['https://example.com', 'invalid-domain'],
    ['example.com:443', 'invalid-domain'],
    ['user@example.com', 'invalid-domain'],
    ['ex ample.com', 'invalid-domain'],
    ['xn--zz.example.com', 'invalid-domain'],
    [`${'a'.repeat(64)}.example.com`, 'invalid-domain'],
    [`${'a.'.repeat(127)}com`, 'invalid-domain'],
    ['example.123', 'invalid-domain'],
    ['192.0.2.1', 'ip-address-not-allowed'],
    ['0x7f.1', 'ip-address-not-allowed'],
    ['[2001:db8::1]', 'ip-address-not-allowed'],
    ['2001:db8::1', 'ip-address-not-allowed'],
    ['*.example.com', 'wildcard-not-supported'],
    ['*.example.com.', 'wildcard-not-supported'],
    ['img.aliyuncs.com', 'domain-forbidden'],
    ['x.taobao.com', 'domain-forbidden'],
  ])('%j is refused as %s', (input, code) => {
    expect(parseDomain(input)).toMatchObject({ ok: false, code });
  });

  it('accepts the longest legal name', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(name).toHaveLength(253);
    expect(parseDomain(name)).toMatchObject({ ok: true, domain: name });
  });

  it('is idempotent: a normalised name normalises to itself', () => {
    fc.assert(
      fc.property(fc.domain(), (raw) => {
        const first = parseDomain(raw);
        if (!first.ok) return;
        expect(parseDomain(first.domain)).toEqual(first);
      }),
    );
  });

  it('answers each rule with its own problem status and code', () => {
    const problemOf = (input: string) => {
      try {
        requireDomain(input);
      } catch (error) {
        return error as ProblemError;
      }
      throw new Error('expected a problem');
    };
    expect(problemOf('w.c')).toMatchObject({ status: 400, code: 'invalid-domain' });
    expect(problemOf('10.0.0.1')).toMatchObject({ status: 400, code: 'ip-address-not-allowed' });
    const wildcard = problemOf('*.example.com');
    expect(wildcard).toBeInstanceOf(ProblemError);
    expect(wildcard).toMatchObject({ status: 422, code: 'wildcard-not-supported' });
    expect(wildcard.detail).toMatch(/standard OSS buckets/);
    expect(requireDomain('Www.Example.com.')).toEqual({
      domain: 'www.example.com',
      unicode: 'www.example.com',
    });
  });
});
