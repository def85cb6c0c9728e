import { isIP } from 'node:net';
import { OssValidationError } from './errors.ts';

// Endpoint resolution as the official SDKs do it (protocol §1): an explicit endpoint wins over the
// region-derived one, a bare host gets the default scheme, and IP-literal endpoints force path style.

export type EndpointVariant = 'public' | 'internal' | 'dualstack' | 'accelerate' | 'accelerate-overseas';

export interface EndpointOptions {
  /** General (`cn-hangzhou`) or OSS-flavoured (`oss-cn-hangzhou`) region id. */
  region: string;
  /** Explicit endpoint, with or without scheme: `oss-cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:9000`. */
  endpoint?: string | undefined;
  useInternalEndpoint?: boolean | undefined;
  useDualStack?: boolean | undefined;
  /** `true` for `oss-accelerate`, `'overseas'` for `oss-accelerate-overseas`. */
  useAccelerate?: boolean | 'overseas' | undefined;
  usePathStyle?: boolean | undefined;
  disableSsl?: boolean | undefined;
}

export interface ResolvedEndpoint {
  scheme: 'http' | 'https';
  /** Host with port when one was given, as it goes into the Host header: `127.0.0.1:9000`, `[::1]:9000`. */
  host: string;
  pathStyle: boolean;
}

export interface RequestTarget {
  origin: string;
  host: string;
  /** `/` for virtual-hosted and service requests, `/<bucket>/` for path style. */
  path: string;
}

const REGION = /^[a-z0-9-]+$/;

/** Validates a region id and strips the `oss-` prefix OSS uses in Location values. */
export function normalizeRegion(region: string): string {
  const trimmed = region.trim();
  if (!REGION.test(trimmed)) {
    throw new OssValidationError('region', `invalid region "${region}": expected [a-z0-9-]+`);
  }
  const general = trimmed.startsWith('oss-') ? trimmed.slice(4) : trimmed;
  if (general === '') throw new OssValidationError('region', `invalid region "${region}"`);
  return general;
}

/** The OSS-flavoured id (`oss-cn-hangzhou`) turned into the general one used in V4 scopes. */
export function generalRegion(location: string): string {
  return location.startsWith('oss-') ? location.slice(4) : location;
}

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Bucket names: 3–63 characters of `[a-z0-9-]`, not starting or ending with `-`. */
export function validateBucketName(bucket: string): void {
  if (!BUCKET.test(bucket)) {
    throw new OssValidationError(
      'bucket',
      `invalid bucket name "${bucket}": 3-63 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
    );
  }
}

export function endpointVariant(opts: EndpointOptions): EndpointVariant {
  if (opts.useInternalEndpoint) return 'internal';
  if (opts.useDualStack) return 'dualstack';
  if (opts.useAccelerate === 'overseas') return 'accelerate-overseas';
  if (opts.useAccelerate) return 'accelerate';
  return 'public';
}

export function regionEndpointHost(region: string, variant: EndpointVariant): string {
  switch (variant) {
    case 'internal':
      return `oss-${region}-internal.aliyuncs.com`;
    case 'dualstack':
      return `${region}.oss.aliyuncs.com`;
    case 'accelerate':
      return 'oss-accelerate.aliyuncs.com';
    case 'accelerate-overseas':
      return 'oss-accelerate-overseas.aliyuncs.com';
    default:
      return `oss-${region}.aliyuncs.com`;
  }
}

function parseExplicit(endpoint: string, defaultScheme: 'http' | 'https'): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `${defaultScheme}://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new OssValidationError('endpoint', `invalid endpoint "${endpoint}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OssValidationError('endpoint', `invalid endpoint "${endpoint}": scheme must be http or https`);
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new OssValidationError('endpoint', `invalid endpoint "${endpoint}": expected scheme://host[:port]`);
  }
  return url;
}

/** True for `127.0.0.1`, `::1`, `[::1]`. */
export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0;
}

export function resolveEndpoint(opts: EndpointOptions): ResolvedEndpoint {
  const defaultScheme = opts.disableSsl ? 'http' : 'https';
  if (opts.endpoint !== undefined && opts.endpoint.trim() !== '') {
    const url = parseExplicit(opts.endpoint.trim(), defaultScheme);
    return {
      scheme: url.protocol === 'http:' ? 'http' : 'https',
      host: url.host,
      pathStyle: Boolean(opts.usePathStyle) || isIpLiteral(url.hostname),
    };
  }
  const region = normalizeRegion(opts.region);
  return {
    scheme: defaultScheme,
    host: regionEndpointHost(region, endpointVariant(opts)),
    pathStyle: Boolean(opts.usePathStyle),
  };
}

/** Where a request goes: bucket requests by addressing style, service requests (no bucket) to `/`. */
export function requestTarget(endpoint: ResolvedEndpoint, bucket: string | undefined): RequestTarget {
  let host = endpoint.host;
  let path = '/';
  if (bucket !== undefined) {
    if (endpoint.pathStyle) path = `/${bucket}/`;
    else host = `${bucket}.${endpoint.host}`;
  }
  return { origin: `${endpoint.scheme}://${host}`, host, path };
}
