import { describe, expect, it } from 'vitest';
import { getBucketInfo, getBucketLocation } from '../../src/oss/operations/bucket.ts';
import { createCnameToken, listCname } from '../../src/oss/operations/cname.ts';
import { response, samples, spec } from './helpers/xml-samples.ts';

// Every response_deserialization sample is a test case. Samples recorded without a body (live-test
// observations) are checked with a body built from the fields the sample does record.

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
