// ListBuckets: the caller's buckets in name order, filtered by prefix, after marker, max-keys per page.

import { queryValue } from '../wire/request.ts';
import { invalidArgument } from '../wire/request-errors.ts';
import { type XmlNode, xmlDocument } from '../wire/xml-writer.ts';
import { bucketFacts, ownerXml } from './bucket-info.ts';
import type { OpResult, ServiceContext } from './context.ts';

const DEFAULT_MAX_KEYS = 100;
const MAX_MAX_KEYS = 1000;

function maxKeysOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_KEYS;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_MAX_KEYS) {
    throw invalidArgument(
      'max-keys',
      raw,
      `max-keys must be an integer from 1 to ${MAX_MAX_KEYS}.`,
      '0015-00000402',
    );
  }
  return n;
}

export function listBuckets(ctx: ServiceContext): OpResult {
  const { query } = ctx.request;
  const prefix = queryValue(query, 'prefix');
  const marker = queryValue(query, 'marker');
  const rawMaxKeys = queryValue(query, 'max-keys');
  const maxKeys = maxKeysOf(rawMaxKeys);
  const account = ctx.principal.account;
  const matching = ctx.state
    .bucketsOf(account.id)
    .filter((b) => (prefix === undefined || b.name.startsWith(prefix)) && (!marker || b.name > marker))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > page.length;

  const children: XmlNode[] = [];
  if (prefix !== undefined) children.push(['Prefix', prefix]);
  if (marker !== undefined) children.push(['Marker', marker]);
  if (rawMaxKeys !== undefined) children.push(['MaxKeys', String(maxKeys)]);
  children.push(['IsTruncated', String(truncated)]);
  const last = page.at(-1);
  if (truncated && last) children.push(['NextMarker', last.name]);
  children.push(ownerXml(account, account.id));
  const buckets: XmlNode[] = page.map((b) => {
    const facts = bucketFacts(b);
    return [
      'Bucket',
      [
        ['CreationDate', facts.creationDate],
        ['ExtranetEndpoint', facts.extranetEndpoint],
        ['IntranetEndpoint', facts.intranetEndpoint],
        ['Location', facts.location],
        ['Name', b.name],
        ['Region', b.region],
        ['StorageClass', facts.storageClass],
      ],
    ];
  });
  children.push(['Buckets', buckets]);
  return { status: 200, body: xmlDocument(['ListAllMyBucketsResult', children]) };
}
