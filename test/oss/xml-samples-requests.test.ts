import { describe, expect, it } from 'vitest';
import { decodeCnameConfiguration, encodeCnameConfiguration } from '../../src/oss/codec/cname.ts';
import { resolveEndpoint } from '../../src/oss/endpoint.ts';
import { buildRequest, contentMd5 } from '../../src/oss/request.ts';
import type { CertificateConfigurationInput } from '../../src/oss/types.ts';
import { parseXml } from '../../src/oss/xml.ts';
import { samples, spec } from './helpers/xml-samples.ts';

// Every request_serialization sample is a test case: the request we build must match its method, URL,
// headers and body.

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
