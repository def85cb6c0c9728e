// OSS's "wrong endpoint" answer: 403 AccessDenied whose <Error> names the endpoint the bucket must be
// addressed at. The bucket's region is read from that endpoint.
import { OssServiceError } from './errors.ts';

/** oss-cn-hangzhou.aliyuncs.com, bucket.oss-cn-hangzhou-internal.aliyuncs.com, with or without scheme. */
const CLASSIC = /(?:^|\.)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/;
/** Dual-stack form: cn-hangzhou.oss.aliyuncs.com. */
const DUAL_STACK = /(?:^|\.)([a-z]{2,}-[a-z0-9-]+)\.oss\.aliyuncs\.com$/;

/** The region OSS points at when `error` is its wrong-endpoint answer; undefined otherwise. */
export function regionFromWrongEndpoint(error: unknown): string | undefined {
  if (!(error instanceof OssServiceError) || error.code !== 'AccessDenied') return undefined;
  const endpoint = error.fields.Endpoint;
  return endpoint === undefined ? undefined : regionOfEndpoint(endpoint);
}

export function regionOfEndpoint(endpoint: string): string | undefined {
  const host = endpoint
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[:/].*$/, '');
  const match = CLASSIC.exec(host) ?? DUAL_STACK.exec(host);
  return match?.[1];
}
