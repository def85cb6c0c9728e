// ListCname and DeleteCname (protocol §2.5, §2.6): both answer 200 on a bucket with nothing bound, and
// unbinding a domain that is not bound to this bucket changes nothing.

import type { BindingRecord, CertificateRecord } from '../state/model.ts';
import type { EmulatorState } from '../state/store.ts';
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

// The document depends only on the bucket's bindings, so it is rendered once per state version: a
// bucket with 100 domains would otherwise format hundreds of dates for every ListCname.
const rendered = new WeakMap<EmulatorState, Map<string, { version: number; body: string }>>();

function renderList(state: EmulatorState, bucket: string, owner: string): string {
  let byBucket = rendered.get(state);
  if (!byBucket) {
    byBucket = new Map();
    rendered.set(state, byBucket);
  }
  const cached = byBucket.get(bucket);
  if (cached?.version === state.version) return cached.body;
  const cnames = state.bindingsOf(bucket).map(cnameXml);
  const body = xmlDocument(['ListCnameResult', [['Bucket', bucket], ['Owner', owner], ...cnames]]);
  byBucket.set(bucket, { version: state.version, body });
  return body;
}

export function listCname(ctx: BucketContext): OpResult {
  return { status: 200, body: renderList(ctx.state, ctx.bucket.name, ctx.bucket.owner) };
}

export function deleteCname(ctx: BucketContext): OpResult {
  const domain = normalizeDomain(readCnameConfiguration(ctx.request.body).domain);
  if (ctx.state.binding(domain)?.bucket === ctx.bucket.name) ctx.state.deleteBinding(domain);
  return { status: 200 };
}
