import { describe, expect, it } from 'vitest';
import {
  lowerHeaders,
  parseAuthorizationV1,
  parseQuery,
  presignV1,
  type SignableRequest,
  signV1,
  stringToSignV1,
} from '../../src/oss/signer/index.ts';
import { fixture } from '../helpers/fixtures.ts';

interface V1Vector {
  id: string;
  inputs: {
    access_key_id: string;
    access_key_secret: string;
    security_token?: string | null;
    method: string;
    url?: string;
    bucket: string;
    key: string | null;
    headers?: Record<string, string>;
    signed_subresources?: string[];
    date_used?: string;
    query?: Record<string, string>;
    expires_unix?: number;
  };
  expected: { string_to_sign?: string; authorization?: string; signature?: string; url_go?: string };
  derived?: { string_to_sign?: string };
}

const vectors = fixture<{ vectors: V1Vector[] }>('vectors/v1_signing_sdk_tests.json').vectors;

describe('V1 vectors (official SDK tests)', () => {
  for (const v of vectors) {
    const i = v.inputs;
    const credentials = {
      accessKeyId: i.access_key_id,
      accessKeySecret: i.access_key_secret,
      securityToken: i.security_token ?? undefined,
    };
    if (i.expires_unix === undefined) {
      it(`${v.id} (header mode)`, () => {
        const url = new URL(i.url as string);
        const req: SignableRequest = {
          method: i.method,
          bucket: i.bucket,
          key: i.key ?? undefined,
          query: parseQuery(url.search.slice(1)),
          headers: { ...i.headers },
        };
        const out = signV1(req, credentials, {
          signingTime: new Date(i.date_used as string),
          subResources: i.signed_subresources,
        });
        expect(out.stringToSign).toBe(v.expected.string_to_sign);
        expect(req.headers.Authorization).toBe(v.expected.authorization);
      });
    } else {
      it(`${v.id} (query mode)`, () => {
        const req: SignableRequest = {
          method: i.method,
          bucket: i.bucket,
          key: i.key ?? undefined,
          query: Object.entries(i.query ?? {}),
          headers: {},
        };
        const out = presignV1(req, credentials, { expires: new Date((i.expires_unix as number) * 1000) });
        expect(out.signature).toBe(v.expected.signature);
        expect(out.stringToSign).toBe(v.derived?.string_to_sign);
        const goQuery = parseQuery(new URL(v.expected.url_go as string).search.slice(1));
        expect(new Map(out.query)).toEqual(new Map(goQuery));
      });
    }
  }
});

describe('V1 helpers', () => {
  it('treats an explicit x-oss-date like any other OSS header', () => {
    const s = stringToSignV1({
      method: 'GET',
      bucket: 'b',
      query: parseQuery('cname=&comp=token'),
      headers: lowerHeaders({ 'X-OSS-Date': 'd' }),
      date: 'd',
      operationSubResources: ['cname', 'comp'],
    });
    expect(s).toBe('GET\n\n\nd\nx-oss-date:d\n/b/?cname&comp=token');
  });

  it('parses and rejects Authorization values', () => {
    expect(parseAuthorizationV1('OSS ak:abc=')).toEqual({ accessKeyId: 'ak', signature: 'abc=' });
    expect(parseAuthorizationV1('OSS ak')).toBeUndefined();
    expect(parseAuthorizationV1('Bearer x')).toBeUndefined();
  });
});
