import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/client.ts';
import { resolveEndpoint } from '../../src/oss/endpoint.ts';
import {
  createCnameToken,
  deleteCname,
  getCnameToken,
  listCname,
  putCname,
} from '../../src/oss/operations/cname.ts';
import type { OperationSpec } from '../../src/oss/operations/spec.ts';
import { buildRequest, type SignatureVersion } from '../../src/oss/request.ts';
import type { CertificateConfigurationInput } from '../../src/oss/types.ts';
import { fixture } from '../helpers/fixtures.ts';
import { startServer, type TestServer } from './helpers/http-server.ts';

// The official Python SDK V2's recorded requests (test/fixtures/wire): for each of the 7 operation variants,
// three recordings (V4 path style, V4 virtual-hosted, V1 path style). We build the same request from the
// same inputs at the pinned signing time and compare every byte that matters.

interface Recording {
  client_argv: string[];
  key_headers: Record<string, string | null>;
  request: {
    method: string;
    target: string;
    target_form: 'origin' | 'absolute';
    path: string;
    query: string;
    headers: Array<[string, string]>;
    body_base64: string;
    response: { status: number; request_id: string; body: string };
  };
}

interface WireFile {
  operation_variant: string;
  inputs: {
    access_key_id: string;
    access_key_secret: string;
    region: string;
    bucket: string;
    signing_time: string;
  };
  recordings: Record<'v4_path_style' | 'v4_virtual_hosted' | 'v1_path_style', Recording>;
}

const VARIANTS = [
  'create_cname_token',
  'get_cname_token',
  'put_cname',
  'put_cname_with_certificate',
  'put_cname_delete_certificate',
  'list_cname',
  'delete_cname',
] as const;

/** Placeholder for the recorder's ephemeral port when building without sending. */
const FAKE_PORT = '9000';
/** Headers the Python HTTP stack adds that say nothing about OSS; compared nowhere. */
const TRANSPORT_HEADERS = new Set(['host', 'accept-encoding', 'accept', 'connection', 'user-agent']);

function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i === -1 ? undefined : argv[i + 1];
}

type AnySpec = OperationSpec<never, unknown>;

/** Maps the recorder CLI's arguments to our operation and input. */
function operationFor(argv: string[], bucket: string): { op: AnySpec; input: unknown } {
  const domain = argValue(argv, '--domain') ?? '';
  switch (argv[1]) {
    case 'create_cname_token':
      return { op: createCnameToken as AnySpec, input: { bucket, domain } };
    case 'get_cname_token':
      return { op: getCnameToken as AnySpec, input: { bucket, domain } };
    case 'list_cname':
      return { op: listCname as AnySpec, input: { bucket } };
    case 'delete_cname':
      return { op: deleteCname as AnySpec, input: { bucket, domain } };
    case 'put_cname': {
      const cert: CertificateConfigurationInput = {
        certId: argValue(argv, '--cert-id'),
        certificate: argValue(argv, '--certificate'),
        privateKey: argValue(argv, '--private-key'),
        previousCertId: argValue(argv, '--previous-cert-id'),
        force: argv.includes('--force') ? true : undefined,
        deleteCertificate: argv.includes('--delete-certificate') ? true : undefined,
      };
      const hasCert = Object.values(cert).some((v) => v !== undefined);
      return { op: putCname as AnySpec, input: { bucket, domain, certificate: hasCert ? cert : undefined } };
    }
    default:
      throw new Error(`unknown recorded operation ${argv[1]}`);
  }
}

function signatureVersion(argv: string[]): SignatureVersion {
  return argValue(argv, '--signature-version') === 'v1' ? 'v1' : 'v4';
}

const cases = VARIANTS.flatMap((variant) => {
  const file = fixture<WireFile>(`wire/${variant}.json`);
  return (Object.keys(file.recordings) as Array<keyof WireFile['recordings']>).map((transport) => ({
    name: `${variant} / ${transport}`,
    file,
    rec: file.recordings[transport],
  }));
});

describe('requests built exactly as the Python SDK V2 recorded them', () => {
  it('covers 7 variants x 3 recordings', () => {
    expect(cases).toHaveLength(21);
  });

  it.each(cases)('$name', ({ file, rec }) => {
    const argv = rec.client_argv;
    const endpoint = (argValue(argv, '--endpoint') ?? '').replace('PORT', FAKE_PORT);
    const { op, input } = operationFor(argv, file.inputs.bucket);
    const built = buildRequest(op, input as never, {
      endpoint: resolveEndpoint({ region: file.inputs.region, endpoint }),
      region: file.inputs.region,
      product: 'oss',
      signatureVersion: signatureVersion(argv),
      credentials: { accessKeyId: file.inputs.access_key_id, accessKeySecret: file.inputs.access_key_secret },
      signingTime: new Date(file.inputs.signing_time),
      userAgent: 'test-agent',
    });

    expect(built.method).toBe(rec.request.method);
    expect(built.path).toBe(rec.request.path);
    expect(built.rawQuery).toBe(rec.request.query);
    expect(rec.request.target_form === 'absolute' ? built.url : built.target).toBe(rec.request.target);
    expect(built.host).toBe(rec.key_headers.Host?.replace('PORT', FAKE_PORT));

    for (const name of [
      'Content-Type',
      'Content-MD5',
      'x-oss-date',
      'Date',
      'x-oss-content-sha256',
      'Content-Length',
    ]) {
      expect(built.headers[name], name).toBe(rec.key_headers[name] ?? undefined);
    }
    expect(built.headers.Authorization).toBe(rec.key_headers.Authorization);
    expect(built.body ?? Buffer.alloc(0)).toEqual(Buffer.from(rec.request.body_base64, 'base64'));

    // Nothing sent beyond what the SDK sends (apart from the HTTP stack's own headers).
    const ours = Object.keys(built.headers)
      .filter((n) => !TRANSPORT_HEADERS.has(n.toLowerCase()))
      .sort();
    const theirs = rec.request.headers
      .map(([n]) => n)
      .filter((n) => !TRANSPORT_HEADERS.has(n.toLowerCase()))
      .sort();
    expect(ours).toEqual(theirs);
  });
});

describe('the same requests on a real socket (path-style recordings)', () => {
  let server: TestServer;
  let response: { status: number; body: string } = { status: 200, body: '' };

  beforeAll(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(response.status, {
        'x-oss-request-id': '5C1B138A109F4E405B2D0001',
        'Content-Type': 'application/xml',
      });
      res.end(response.body);
    });
  });
  afterAll(() => server.close());

  const pathStyle = cases.filter(({ rec }) => rec.request.target_form === 'origin');

  it.each(pathStyle)('$name', async ({ file, rec }) => {
    const argv = rec.client_argv;
    const { op, input } = operationFor(argv, file.inputs.bucket);
    response = { status: rec.request.response.status, body: rec.request.response.body };
    const client = new OssClient({
      region: file.inputs.region,
      endpoint: server.origin,
      signatureVersion: signatureVersion(argv),
      credentials: { accessKeyId: file.inputs.access_key_id, accessKeySecret: file.inputs.access_key_secret },
      clock: () => Date.parse(file.inputs.signing_time),
      retry: { maxAttempts: 1 },
    });
    try {
      await client.invoke(op, input as never);
    } finally {
      await client.close();
    }
    const got = server.requests.at(-1);
    expect(got).toBeDefined();
    if (!got) return;
    expect(got.method).toBe(rec.request.method);
    expect(got.url).toBe(rec.request.target);
    expect(got.headers.host).toBe(`127.0.0.1:${server.port}`);
    const recorded = Object.fromEntries(rec.request.headers.map(([n, v]) => [n.toLowerCase(), v]));
    for (const name of Object.keys(recorded)) {
      if (TRANSPORT_HEADERS.has(name)) continue;
      expect(got.headers[name], name).toBe(recorded[name]);
    }
    for (const name of Object.keys(got.headers)) {
      if (!TRANSPORT_HEADERS.has(name)) expect(recorded, `unexpected header ${name}`).toHaveProperty(name);
    }
    expect(got.body).toEqual(Buffer.from(rec.request.body_base64, 'base64'));
  });
});
