import { describe, expect, it } from 'vitest';
import { decodeCnameConfiguration, encodeCnameConfiguration } from '../../src/oss/codec/cname.ts';
import { resolveEndpoint } from '../../src/oss/endpoint.ts';
import { OssBadErrorResponseError, OssServiceError } from '../../src/oss/errors.ts';
import { getBucketInfo, getBucketLocation } from '../../src/oss/operations/bucket.ts';
import {
  createCnameToken,
  deleteCname,
  getCnameToken,
  listCname,
  putCname,
} from '../../src/oss/operations/cname.ts';
import type { OperationSpec } from '../../src/oss/operations/spec.ts';
import { buildRequest, contentMd5 } from '../../src/oss/request.ts';
import { type OssHttpResponse, responseError } from '../../src/oss/response.ts';
import type { CertificateConfigurationInput } from '../../src/oss/types.ts';
import { parseXml } from '../../src/oss/xml.ts';
import { fixture } from '../helpers/fixtures.ts';

// Every sample of vectors/cname_xml_samples.json is a test case here: request bodies, response bodies and
// error bodies. Samples recorded without a body (live-test observations) are checked with a body built
// from the fields the sample does record.

interface RequestSample {
  id: string;
  operation: string;
  method: string;
  path_style_url?: string;
  input: {
    bucket: string;
    'Cname.Domain'?: string;
    cname?: string;
    CertificateConfiguration?: Record<string, unknown>;
  };
  body: string | null;
  content_type: string;
  content_md5: string;
}

interface ResponseSample {
  id: string;
  operation: string;
  status: number;
  headers?: Record<string, string>;
  body: string | null;
  parsed: Record<string, unknown>;
}

interface ErrorSample {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body: string | null;
  parsed: Record<string, string>;
}

interface SamplesFile {
  request_serialization: RequestSample[];
  response_deserialization: ResponseSample[];
  error_responses: ErrorSample[];
}

const samples = fixture<SamplesFile>('vectors/cname_xml_samples.json');

function certificateInput(
  raw: Record<string, unknown> | undefined,
): CertificateConfigurationInput | undefined {
  if (!raw) return undefined;
  return {
    certId: raw.CertId as string | undefined,
    certificate: raw.Certificate as string | undefined,
    privateKey: raw.PrivateKey as string | undefined,
    previousCertId: raw.PreviousCertId as string | undefined,
    force: raw.Force as boolean | undefined,
    deleteCertificate: raw.DeleteCertificate as boolean | undefined,
  };
}

type AnySpec = OperationSpec<never, unknown>;
const SPECS: Record<string, AnySpec> = {
  CreateCnameToken: createCnameToken as AnySpec,
  GetCnameToken: getCnameToken as AnySpec,
  PutCname: putCname as AnySpec,
  ListCname: listCname as AnySpec,
  DeleteCname: deleteCname as AnySpec,
  GetBucketLocation: getBucketLocation as AnySpec,
  GetBucketInfo: getBucketInfo as AnySpec,
};

function spec(operation: string): AnySpec {
  const found = SPECS[operation.split('/')[0] ?? ''];
  if (!found) throw new Error(`no spec for ${operation}`);
  return found;
}

function response(
  status: number,
  body: string | null,
  headers: Record<string, string> = {},
): OssHttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: lower, body: Buffer.from(body ?? '', 'utf8') };
}

describe('request_serialization samples', () => {
  it('has 9 samples', () => expect(samples.request_serialization).toHaveLength(9));

  it.each(samples.request_serialization)('$id', (s) => {
    const domain = s.input['Cname.Domain'] ?? s.input.cname ?? '';
    const certificate = certificateInput(s.input.CertificateConfiguration);
    const op = spec(s.operation);
    const built = buildRequest(op, { bucket: s.input.bucket, domain, certificate } as never, {
      endpoint: resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9000' }),
      region: 'cn-hangzhou',
      product: 'oss',
      signatureVersion: 'v4',
      credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
      signingTime: new Date(0),
      userAgent: 'test-agent',
    });
    expect(built.method).toBe(s.method);
    expect(built.headers['Content-Type']).toBe(s.content_type);
    if (s.path_style_url) {
      // Samples spell bare sub-resources (`?cname`) in sorted order; the wire has `cname=` in SDK order.
      const [path, query = ''] = s.path_style_url.split('?');
      const params = (q: string) =>
        q
          .split('&')
          .map((p) => p.replace(/=$/, ''))
          .sort();
      expect(built.path).toBe(path);
      expect(params(built.rawQuery)).toEqual(params(query));
    }

    if (s.body === null) {
      expect(built.body).toBeUndefined();
      expect(built.headers['Content-MD5']).toBe(s.content_md5);
      return;
    }
    // Our bodies follow the Python SDK's element order; the Go sample (CertId first) must still read back
    // to the same input, and that input must serialize to the Python-ordered sample.
    const decoded = decodeCnameConfiguration(parseXml(s.body));
    expect(decoded.domain).toBe(domain);
    expect(decoded.certificate).toEqual(certificate);
    const goOrdered = s.body.includes('<CertificateConfiguration><CertId>');
    if (goOrdered) {
      const python = samples.request_serialization.find(
        (r) => r.id === 'req-put-cname-with-certificate-python-order',
      );
      expect(built.body?.toString('utf8')).toBe(python?.body);
      expect(contentMd5(Buffer.from(s.body))).toBe(s.content_md5);
    } else {
      expect(built.body?.toString('utf8')).toBe(s.body);
      expect(built.headers['Content-MD5']).toBe(s.content_md5);
    }
  });

  it('empty strings become `<Tag />` and booleans lower-case, as ElementTree writes them', () => {
    expect(encodeCnameConfiguration('example.com', { certId: '', force: false })).toBe(
      '<BucketCnameConfiguration><Cname><Domain>example.com</Domain><CertificateConfiguration><Force>false</Force><CertId /></CertificateConfiguration></Cname></BucketCnameConfiguration>',
    );
  });
});

describe('response_deserialization samples', () => {
  it('has 9 samples', () => expect(samples.response_deserialization).toHaveLength(9));

  const byId = (id: string) => {
    const s = samples.response_deserialization.find((r) => r.id === id);
    if (!s) throw new Error(id);
    return s;
  };

  it.each(['resp-create-cname-token', 'resp-get-cname-token'])('%s', (id) => {
    const s = byId(id);
    const out = spec(s.operation).parse(response(s.status, s.body, s.headers)) as Record<string, unknown>;
    expect(out).toMatchObject({
      status: 200,
      requestId: s.headers?.['x-oss-request-id'],
      bucket: s.parsed.Bucket,
      domain: s.parsed.Cname,
      token: s.parsed.Token,
      expireTime: { raw: s.parsed.ExpireTime, iso: new Date(s.parsed.ExpireTime as string).toISOString() },
    });
  });

  it('resp-empty-cname-token-root', () => {
    const s = byId('resp-empty-cname-token-root');
    const out = createCnameToken.parse(response(s.status, s.body));
    expect(out).toEqual({
      status: 200,
      requestId: '',
      bucket: '',
      domain: '',
      token: '',
      expireTime: { raw: '', iso: undefined },
    });
  });

  it('resp-list-cname', () => {
    const s = byId('resp-list-cname');
    const out = listCname.parse(response(s.status, s.body, s.headers));
    const parsed = s.parsed as {
      Bucket: string;
      Owner: string;
      Cnames: Array<{
        Domain: string;
        LastModified: string;
        Status: string;
        Certificate: Record<string, string> | null;
      }>;
    };
    expect(out.bucket).toBe(parsed.Bucket);
    expect(out.owner).toBe(parsed.Owner);
    expect(out.cnames.map((c) => c.domain)).toEqual(parsed.Cnames.map((c) => c.Domain));
    parsed.Cnames.forEach((want, i) => {
      const got = out.cnames[i];
      expect(got?.lastModified).toEqual({ raw: want.LastModified, iso: want.LastModified });
      expect(got?.status).toBe(want.Status);
      expect(got?.isWildcard).toBe(false);
      if (want.Certificate === null) {
        expect(got?.certificate).toBeUndefined();
        return;
      }
      expect(got?.certificate).toMatchObject({
        type: want.Certificate.Type,
        certId: want.Certificate.CertId,
        status: want.Certificate.Status,
        fingerprint: want.Certificate.Fingerprint,
        creationDate: { raw: want.Certificate.CreationDate },
        validStartDate: { raw: want.Certificate.ValidStartDate },
      });
    });
    // The day in ValidEndDate is not zero-padded; the ISO form must still come out.
    expect(out.cnames[0]?.certificate?.validEndDate).toEqual({
      raw: 'Mon, 4 May 2048 10:14:51 GMT',
      iso: '2048-05-04T10:14:51.000Z',
    });
  });

  it('resp-list-cname-empty-bucket (no body recorded: a root with no Cname)', () => {
    const s = byId('resp-list-cname-empty-bucket');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListCnameResult>\n  <Bucket>b1</Bucket>\n  <Owner>1234</Owner>\n</ListCnameResult>';
    const out = listCname.parse(response(s.status, body));
    expect(out).toMatchObject({ status: 200, bucket: 'b1', owner: '1234', cnames: [] });
  });

  it('a wildcard entry (newer doc revision) reads IsWildCard case-insensitively', () => {
    const body =
      '<ListCnameResult><Bucket>b</Bucket><Owner>o</Owner><Cname><Domain>example.com</Domain><IsWildCard>True</IsWildCard></Cname></ListCnameResult>';
    expect(listCname.parse(response(200, body)).cnames[0]?.isWildcard).toBe(true);
  });

  it.each(['resp-put-cname', 'resp-delete-cname'])('%s', (id) => {
    const s = byId(id);
    const out = spec(s.operation).parse(response(s.status, s.body, s.headers));
    expect(out).toEqual({ status: 200, requestId: s.headers?.['x-oss-request-id'] });
  });

  it('resp-get-bucket-location', () => {
    const s = byId('resp-get-bucket-location');
    const out = getBucketLocation.parse(response(s.status, s.body));
    expect(out).toMatchObject({ location: s.parsed.LocationConstraint, region: 'cn-hangzhou' });
  });

  it('resp-get-bucket-info', () => {
    const s = byId('resp-get-bucket-info');
    const p = s.parsed as Record<string, string> & { Owner: { ID: string; DisplayName: string } };
    const out = getBucketInfo.parse(response(s.status, s.body));
    expect(out).toMatchObject({
      name: p.Name,
      location: p.Location,
      region: 'cn-hangzhou',
      extranetEndpoint: p.ExtranetEndpoint,
      intranetEndpoint: p.IntranetEndpoint,
      storageClass: p.StorageClass,
      ownerId: p.Owner.ID,
      ownerDisplayName: p.Owner.DisplayName,
      creationDate: { raw: '2013-07-31T10:56:21.000Z', iso: '2013-07-31T10:56:21.000Z' },
    });
  });
});

describe('error_responses samples', () => {
  it('has 11 samples', () => expect(samples.error_responses).toHaveLength(11));

  const withBody = samples.error_responses.filter((s) => s.body !== null);

  it.each(withBody)('$id', (s) => {
    const err = responseError(response(s.status, s.body, s.headers), 'PutCname');
    expect(err).toBeInstanceOf(OssServiceError);
    if (!(err instanceof OssServiceError)) return;
    expect(err.status).toBe(s.status);
    expect(err.code).toBe(s.parsed.Code);
    if (s.parsed.Message) expect(err.serverMessage).toBe(s.parsed.Message);
    if (s.parsed.RequestId) expect(err.requestId).toBe(s.parsed.RequestId);
    if (s.parsed.EC) expect(err.ec).toBe(s.parsed.EC);
    expect(err.operation).toBe('PutCname');
    // Everything beyond the five core members is kept.
    const extras = [...(s.body ?? '').matchAll(/<(\w+)>[^<]*<\/\1>/g)]
      .map((m) => m[1] as string)
      .filter((n) => !['Code', 'Message', 'RequestId', 'HostId', 'EC'].includes(n));
    expect(Object.keys(err.fields).sort()).toEqual([...new Set(extras)].sort());
  });

  it('err-signature-does-not-match: the echoed signature is redacted', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-signature-does-not-match');
    const err = responseError(response(403, s?.body ?? null, s?.headers), 'PutCname') as OssServiceError;
    expect(err.fields.SignatureProvided).toBe('[redacted]');
    expect(JSON.stringify(err)).not.toContain('RizTbeKC/QlwxINq8xEdUPowc84=');
  });

  it('err-too-many-cname-token keeps the Bucket field and has no EC', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-too-many-cname-token');
    const err = responseError(
      response(400, s?.body ?? null, s?.headers),
      'CreateCnameToken',
    ) as OssServiceError;
    expect(err.fields).toEqual({ Bucket: 'bucket' });
    expect(err.ec).toBe('');
  });

  it('err-invalid-access-key-id: RequestId and EC agree with the x-oss-* headers', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-invalid-access-key-id');
    const err = responseError(response(403, s?.body ?? null, s?.headers), 'ListCname') as OssServiceError;
    expect(err.requestId).toBe(s?.headers?.['x-oss-request-id']);
    expect(err.ec).toBe(s?.headers?.['x-oss-ec']);
    expect(err.fields.OSSAccessKeyId).toBe('ak');
  });

  it('err-need-verify-domain-ownership (no body recorded: built from its fields)', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-need-verify-domain-ownership');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s?.parsed.Code}</Code><Message>${s?.parsed['Message(doc title)']}</Message><RequestId>5C3D9175B6FC201293AD0001</RequestId><HostId>examplebucket.oss-cn-hangzhou.aliyuncs.com</HostId><EC>${s?.parsed.EC}</EC></Error>`;
    const err = responseError(response(403, body), 'PutCname') as OssServiceError;
    expect(err.code).toBe('NeedVerifyDomainOwnership');
    expect(err.ec).toBe('0018-00000115');
    expect(err.requestId).toHaveLength(24);
  });

  it('err-need-verify-domain-ownership with only headers: BadErrorResponse, ids from headers', () => {
    const err = responseError(
      response(403, '', { 'x-oss-request-id': '5C3D9175B6FC201293AD0001', 'x-oss-ec': '0018-00000115' }),
      'PutCname',
    );
    expect(err).toBeInstanceOf(OssBadErrorResponseError);
    expect(err).toMatchObject({
      code: 'BadErrorResponse',
      status: 403,
      requestId: '5C3D9175B6FC201293AD0001',
      ec: '0018-00000115',
    });
  });

  it('err-head-x-oss-err-header: a body-less answer carries the XML base64 in x-oss-err', () => {
    const s = samples.error_responses.find((e) => e.id === 'err-head-x-oss-err-header');
    const err = responseError(response(404, null, s?.headers), 'HeadObject') as OssServiceError;
    expect(err).toBeInstanceOf(OssServiceError);
    expect(err).toMatchObject({ code: s?.parsed.Code, serverMessage: s?.parsed.Message, ec: s?.parsed.EC });
  });
});
