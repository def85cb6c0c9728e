import { describe, expect, it } from 'vitest';
import {
  canonicalQueryV4,
  parseAuthorizationV4,
  parseQuery,
  presignV4,
  type SignableRequest,
  signingKeyV4,
  signV4,
} from '../../src/oss/signer/index.ts';
import { fixture } from '../helpers/fixtures.ts';

interface V4Vector {
  id: string;
  inputs: {
    security_token: string | null;
    region: string;
    product: string;
    signing_time_unix: number;
    expiration_time_unix?: number;
    request_headers_before_signing?: Record<string, string>;
    request_headers?: Record<string, string>;
    additional_headers_requested: string[] | null;
  };
  expected: Record<string, string>;
  derived?: { canonical_request?: string; string_to_sign?: string; signing_key_hex?: string };
}

interface V4File {
  common_inputs: {
    access_key_id: string;
    access_key_secret: string;
    method: string;
    bucket: string;
    key: string;
    query_params_decoded: Array<[string, string]>;
    wire_query_as_sent_by_go_test: string;
  };
  header_auth_vectors: V4Vector[];
  query_auth_vectors: V4Vector[];
}

const file = fixture<V4File>('vectors/v4_signing_sdk_tests.json');
const common = file.common_inputs;

function request(headers: Record<string, string>): SignableRequest {
  return {
    method: common.method,
    bucket: common.bucket,
    key: common.key,
    query: common.query_params_decoded,
    headers: { ...headers },
  };
}

function creds(token: string | null) {
  return {
    accessKeyId: common.access_key_id,
    accessKeySecret: common.access_key_secret,
    securityToken: token ?? undefined,
  };
}

describe('V4 header-mode vectors (official SDK tests)', () => {
  it.each(file.header_auth_vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const req = request(v.inputs.request_headers_before_signing ?? {});
    const t = signV4(req, creds(v.inputs.security_token), {
      region: v.inputs.region,
      product: v.inputs.product,
      signingTime: new Date(v.inputs.signing_time_unix * 1000),
      additionalHeaders: v.inputs.additional_headers_requested ?? undefined,
    });
    expect(req.headers.Authorization).toBe(v.expected.authorization);
    if (v.expected.canonical_request) expect(t.canonicalRequest).toBe(v.expected.canonical_request);
    if (v.expected.string_to_sign) expect(t.stringToSign).toBe(v.expected.string_to_sign);
    if (v.derived?.canonical_request) expect(t.canonicalRequest).toBe(v.derived.canonical_request);
    if (v.derived?.string_to_sign) expect(t.stringToSign).toBe(v.derived.string_to_sign);
  });

  it('derives the documented signing key', () => {
    const v = file.header_auth_vectors[0] as V4Vector;
    const key = signingKeyV4('sk', '20231216', v.inputs.region, v.inputs.product);
    expect(key.toString('hex')).toBe(v.derived?.signing_key_hex);
  });

  it('canonicalizes the wire query the Go test sends exactly like the decoded pairs', () => {
    expect(canonicalQueryV4(parseQuery(common.wire_query_as_sent_by_go_test))).toBe(
      canonicalQueryV4(common.query_params_decoded),
    );
  });
});

describe('V4 query-mode vectors (official SDK tests)', () => {
  it.each(file.query_auth_vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const signing = v.inputs.signing_time_unix;
    const req = request(v.inputs.request_headers ?? {});
    const out = presignV4(req, creds(v.inputs.security_token), {
      region: v.inputs.region,
      product: v.inputs.product,
      signingTime: new Date(signing * 1000),
      expiresSeconds: (v.inputs.expiration_time_unix as number) - signing,
      additionalHeaders: v.inputs.additional_headers_requested ?? undefined,
    });
    const q = new Map(out.query);
    expect(q.get('x-oss-signature')).toBe(v.expected['x-oss-signature']);
    for (const [name, value] of Object.entries(v.expected)) {
      const plain = name.replace('(decoded)', '');
      expect(q.get(plain), name).toBe(value);
    }
    if (v.derived?.canonical_request) expect(out.canonicalRequest).toBe(v.derived.canonical_request);
  });
});

describe('parseAuthorizationV4', () => {
  it('reads credential, additional headers and signature, tolerating spaces after commas', () => {
    const parsed = parseAuthorizationV4(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=abc;zabc, Signature=ff',
    );
    expect(parsed).toEqual({
      accessKeyId: 'ak',
      date: '20231216',
      region: 'cn-hangzhou',
      product: 'oss',
      terminator: 'aliyun_v4_request',
      additionalHeaders: ['abc', 'zabc'],
      signature: 'ff',
    });
  });

  it.each([
    'OSS ak:sig',
    'OSS4-HMAC-SHA256 Signature=ff',
    'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss,Signature=ff',
    'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request',
    'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,junk,Signature=ff',
  ])('rejects %s', (value) => {
    expect(parseAuthorizationV4(value)).toBeUndefined();
  });
});
