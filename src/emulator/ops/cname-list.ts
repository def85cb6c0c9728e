// ListCname and DeleteCname (protocol §2.5, §2.6): both answer 200 on a bucket with nothing bound, and
// unbinding a domain that is not bound to this bucket changes nothing.

import type { BindingRecord, CertificateRecord } from '../state/model.ts';
import { httpDate, isoDate, unpaddedHttpDate } from '../wire/dates.ts';
import { type XmlNode, xmlDocument } from '../wire/xml-writer.ts';
import { readCnameConfiguration } from './cname-config.ts';
import type { BucketContext, OpResult } from './context.ts';
import { normalizeDomain } from './hostname.ts';

function certificateXml(c: CertificateRecord): XmlNode {
  return [
    'Certificate',
    [
      ['Type', c.type],
      ['CertId', c.certId],
      ['Status', c.status],
      ['CreationDate', httpDate(c.creationDate)],
      ['Fingerprint', c.fingerprint],
      ['ValidStartDate', unpaddedHttpDate(c.validStartDate)],
      ['ValidEndDate', unpaddedHttpDate(c.validEndDate)],
    ],
  ];
}

function cnameXml(b: BindingRecord): XmlNode {
  const children: XmlNode[] = [
    ['Domain', b.domain],
    ['LastModified', isoDate(b.lastModified)],
    ['Status', b.status],
  ];
  if (b.certificate) children.push(certificateXml(b.certificate));
  return ['Cname', children];
}

export function listCname(ctx: BucketContext): OpResult {
  const cnames = ctx.state.bindingsOf(ctx.bucket.name).map(cnameXml);
  return {
    status: 200,
    body: xmlDocument([
      'ListCnameResult',
      [['Bucket', ctx.bucket.name], ['Owner', ctx.bucket.owner], ...cnames],
    ]),
  };
}

export function deleteCname(ctx: BucketContext): OpResult {
  const domain = normalizeDomain(readCnameConfiguration(ctx.request.body).domain);
  if (ctx.state.binding(domain)?.bucket === ctx.bucket.name) ctx.state.deleteBinding(domain);
  return { status: 200 };
}
