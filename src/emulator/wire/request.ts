// What the emulator needs of an HTTP request: method, host, raw path and query, decoded query pairs,
// lower-cased headers and the body. Absolute-form targets (a client talking through a proxy, as the
// recorded virtual-hosted requests do) carry their own authority, which wins over Host.

import type { IncomingMessage } from 'node:http';
import { type LowerHeaders, lowerHeaders, parseQuery, type QueryPairs } from '../../oss/signer/index.ts';

export interface OssRequest {
  method: string;
  /** Host without port, lower-case; '' when the request names none. */
  hostname: string;
  /** Raw path, still percent-encoded. */
  path: string;
  rawQuery: string;
  query: QueryPairs;
  headers: LowerHeaders;
  body: Buffer;
}

interface Target {
  authority: string | undefined;
  path: string;
  rawQuery: string;
}

function splitTarget(target: string): Target {
  let authority: string | undefined;
  let rest = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target);
  if (absolute) {
    authority = absolute[1];
    rest = target.slice(absolute[0].length) || '/';
  }
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return {
    authority,
    path: q === -1 ? rest : rest.slice(0, q),
    rawQuery: q === -1 ? '' : rest.slice(q + 1),
  };
}

/** `[::1]:9000` → `::1`, `Example.com:80` → `example.com`. */
function hostnameOf(authority: string): string {
  const host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']')).toLowerCase();
  const colon = host.lastIndexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

export function toOssRequest(req: IncomingMessage, body: Buffer): OssRequest {
  const target = splitTarget(req.url ?? '/');
  const headers = lowerHeaders(req.headers);
  const authority = target.authority ?? headers.get('host') ?? '';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    hostname: hostnameOf(authority),
    path: target.path,
    rawQuery: target.rawQuery,
    query: parseQuery(target.rawQuery),
    headers,
    body,
  };
}

/** First value of a query parameter (decoded), or undefined when absent. */
export function queryValue(query: QueryPairs, name: string): string | undefined {
  return query.find(([k]) => k === name)?.[1];
}

export function hasQuery(query: QueryPairs, name: string): boolean {
  return query.some(([k]) => k === name);
}
