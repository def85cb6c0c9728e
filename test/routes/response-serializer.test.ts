// Strict mode proves in tests what fast mode relies on in production: a handler's object serializes to
// exactly what its zod schema would produce.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.ts';
import { responseSerializerCompiler } from '../../src/routes/response-serializer.ts';

const schema = z.object({ domain: z.string(), certificate: z.object({ certId: z.string() }).nullable() });
const route = { schema, method: 'GET', url: '/buckets/:bucket/cnames/:domain', httpStatus: '200' };
const compile = (mode: 'strict' | 'fast') =>
  (responseSerializerCompiler(mode) as unknown as (r: typeof route) => (data: unknown) => string)(route);

describe('response serialization', () => {
  it('strict: passes a body of exactly the documented shape', () => {
    const body = { domain: 'a.example.com', certificate: { certId: '1-cn-hangzhou' } };
    expect(JSON.parse(compile('strict')(body))).toEqual(body);
  });

  it('strict: refuses an undeclared field rather than dropping it silently', () => {
    expect(() => compile('strict')({ domain: 'a.example.com', certificate: null, privateKey: 'x' })).toThrow(
      /does not declare/,
    );
    expect(() =>
      compile('strict')({ domain: 'a.example.com', certificate: { certId: '1', internal: true } }),
    ).toThrow(/does not declare/);
  });

  it('strict: refuses a missing or mistyped field', () => {
    expect(() => compile('strict')({ domain: 'a.example.com' })).toThrow();
    expect(() => compile('strict')({ domain: 42, certificate: null })).toThrow();
  });

  it('fast: serializes the typed object as it is', () => {
    const body = { domain: 'a.example.com', certificate: null };
    expect(compile('fast')(body)).toBe(JSON.stringify(body));
  });

  it('is strict by default, fast by default in production, and settable', () => {
    const mode = (env: Record<string, string>) => {
      const result = loadConfig(env);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      return result.config.RESPONSE_VALIDATION;
    };
    expect(mode({})).toBe('strict');
    expect(
      mode({
        NODE_ENV: 'production',
        OSS_ACCESS_KEY_ID: 'id',
        OSS_ACCESS_KEY_SECRET: 'secret',
        API_KEYS_FILE: '/dev/null',
      }),
    ).toBe('fast');
    expect(mode({ RESPONSE_VALIDATION: 'fast' })).toBe('fast');
  });
});
