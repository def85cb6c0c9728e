// Concrete requests for every row of the route table with the bucket and domain swapped for test values,
// so routes added to the table later are exercised too.
import type { InjectOptions } from 'fastify';
import { ROUTES, type RouteCase } from '../../service/helpers/route-table.ts';
import { BOUND, BUCKET } from './hostile-app.ts';

export { ROUTES, type RouteCase };

const BUCKET_MARK = 'zz-bucket-mark';
const DOMAIN_MARK = 'mark.domain-mark.example';

export interface Placement {
  bucket?: string | undefined;
  domain?: string | undefined;
  /** true: the value goes into the path as is (raw traversal such as ..%2F); false: percent-encoded. */
  raw?: boolean;
}

/** Where a row carries the domain: in the path, the body, or neither. */
export function domainSlot(row: RouteCase): 'path' | 'body' | 'none' {
  const { url, body } = row.request(BUCKET_MARK, DOMAIN_MARK);
  if (url.includes(encodeURIComponent(DOMAIN_MARK))) return 'path';
  if (JSON.stringify(body ?? null).includes(DOMAIN_MARK)) return 'body';
  return 'none';
}

export function requestFor(
  row: RouteCase,
  place: Placement,
  headers: Record<string, string> = {},
): InjectOptions {
  const bucket = place.bucket ?? BUCKET;
  const domain = place.domain ?? BOUND;
  const { url, body } = row.request(BUCKET_MARK, DOMAIN_MARK);
  const encode = (v: string) => (place.raw ? v : encodeURIComponent(v));
  const path = url
    .replace(BUCKET_MARK, encode(bucket))
    .replace(encodeURIComponent(DOMAIN_MARK), encode(domain));
  const payload =
    body === undefined
      ? undefined
      : JSON.stringify(body).replace(JSON.stringify(DOMAIN_MARK), JSON.stringify(domain));
  return {
    method: row.method,
    url: path,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(payload === undefined ? {} : { payload }),
  };
}
