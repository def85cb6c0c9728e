// Scope patterns and authorize(): bucket globs, domain-suffix globs (apex excluded), the fixed check order.
import { describe, expect, it } from 'vitest';
import { authorize, canSeeBucket, canSeeDomain } from '../../src/auth/authorize.ts';
import { checkBucketPattern, checkDomainPattern } from '../../src/auth/scope-patterns.ts';
import type { Principal } from '../../src/auth/types.ts';
import { ProblemError } from '../../src/errors/problem.ts';

const principal = (
  buckets: string[],
  domains: string[],
  actions: Principal['scopes']['actions'] = ['cname:read'],
) => ({ keyId: 't', scopes: { buckets, domains, actions } }) satisfies Principal;

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof ProblemError) return error.code;
    throw error;
  }
}

describe('bucket globs', () => {
  it.each([
    [['web-*'], 'web-', true],
    [['web-*'], 'web-site', true],
    [['web-*'], 'website', false],
    [['web-*'], 'my-web-site', false],
    [['*-prod'], 'shop-prod', true],
    [['a*b*c'], 'a-x-b-y-c', true],
    [['exact'], 'exact', true],
    [['exact'], 'exactly', false],
    [['*'], 'anything-1', true],
    [[], 'anything', false],
    [['web.*'], 'webxsite', false],
  ])('%j matches %s: %s', (buckets, bucket, expected) => {
    expect(canSeeBucket(principal(buckets, []), bucket)).toBe(expected);
  });

  it('rejects characters bucket names cannot hold', () => {
    expect(checkBucketPattern('Web-*').ok).toBe(false);
    expect(checkBucketPattern('web.site').ok).toBe(false);
    expect(checkBucketPattern('(a|b)').ok).toBe(false);
    expect(checkBucketPattern(' web-* ')).toEqual({ ok: true, pattern: 'web-*' });
  });
});

describe('domain patterns', () => {
  it.each([
    [['*.example.com'], 'www.example.com', true],
    [['*.example.com'], 'a.b.example.com', true],
    [['*.example.com'], 'example.com', false],
    [['*.example.com'], 'badexample.com', false],
    [['*.example.com'], 'example.com.evil.net', false],
    [['*.example.com', 'example.com'], 'example.com', true],
    [['example.com'], 'www.example.com', false],
    [['*'], 'anything.org', true],
    [['*.example.com'], 'WWW.Example.COM.', true],
  ])('%j matches %s: %s', (domains, domain, expected) => {
    expect(canSeeDomain(principal([], domains), domain)).toBe(expected);
  });

  it('normalises patterns to lower-case punycode without the root dot', () => {
    expect(checkDomainPattern('*.Example.COM.')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(checkDomainPattern('*.bücher.de')).toEqual({ ok: true, pattern: '*.xn--bcher-kva.de' });
    expect(checkDomainPattern('*')).toEqual({ ok: true, pattern: '*' });
  });

  it.each(['', 'localhost', 'www.*.com', '**.example.com', '*example.com', 'exa mple.com', '-a.example.com'])(
    'rejects %j',
    (raw) => {
      expect(checkDomainPattern(raw).ok).toBe(false);
    },
  );
});

describe('authorize', () => {
  const p = principal(['web-*'], ['*.example.com'], ['cname:read']);

  it('passes inside every scope', () => {
    expect(
      codeOf(() => authorize(p, { action: 'cname:read', bucket: 'web-1', domain: 'a.example.com' })),
    ).toBe(undefined);
    expect(codeOf(() => authorize(p, { action: 'cname:read', bucket: 'web-1' }))).toBe(undefined);
  });

  it('checks the action, then the bucket, then the domain', () => {
    expect(codeOf(() => authorize(p, { action: 'cname:write', bucket: 'other', domain: 'x.org' }))).toBe(
      'action-not-allowed',
    );
    expect(codeOf(() => authorize(p, { action: 'cname:read', bucket: 'other', domain: 'x.org' }))).toBe(
      'bucket-out-of-scope',
    );
    expect(codeOf(() => authorize(p, { action: 'cname:read', bucket: 'web-1', domain: 'x.org' }))).toBe(
      'domain-out-of-scope',
    );
  });

  it('answers 403 problems that name what was refused', () => {
    try {
      authorize(p, { action: 'cname:read', bucket: 'web-1', domain: 'x.org' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).status).toBe(403);
      expect((error as ProblemError).extensions).toEqual({ domain: 'x.org' });
    }
  });
});
