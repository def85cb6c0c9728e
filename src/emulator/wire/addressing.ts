// Which bucket a request addresses (protocol §1): virtual-hosted (`<bucket>.<endpoint>`), path-style
// (`/<bucket>/` on an endpoint or IP host), a bound custom domain (CNAME style), or no bucket at all
// (service level, ListBuckets). Hosts that name a region let the emulator refuse the wrong endpoint.

import { isIP } from 'node:net';
import { safeDecode } from '../../oss/signer/index.ts';

export type Address =
  | { kind: 'service'; hostRegion: string | undefined }
  | {
      kind: 'bucket';
      bucket: string;
      /** Decoded object key; '' for bucket operations. */
      key: string;
      style: 'virtual' | 'path' | 'cname';
      hostRegion: string | undefined;
    };

const BUCKET_LABEL = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
// oss-cn-hangzhou.aliyuncs.com, oss-cn-hangzhou-internal.aliyuncs.com, cn-hangzhou.oss.aliyuncs.com
const REGIONAL_ENDPOINT = /^(?:oss-([a-z0-9-]+?)(?:-internal)?|([a-z0-9-]+)\.oss)\.aliyuncs\.com$/;
const GLOBAL_ENDPOINT = /^(?:oss|oss-accelerate|oss-accelerate-overseas)\.aliyuncs\.com$/;

interface EndpointInfo {
  region: string | undefined;
}

/** The endpoint a host names, or undefined when the host is not an endpoint. */
function endpointInfo(host: string, endpointHosts: ReadonlySet<string>): EndpointInfo | undefined {
  const regional = REGIONAL_ENDPOINT.exec(host);
  if (regional) {
    const region = regional[1] ?? regional[2];
    if (region !== 'accelerate' && region !== 'accelerate-overseas') return { region };
    return { region: undefined };
  }
  if (GLOBAL_ENDPOINT.test(host)) return { region: undefined };
  if (
    host === '' ||
    isIP(host) !== 0 ||
    host === 'localhost' ||
    !host.includes('.') ||
    endpointHosts.has(host)
  ) {
    return { region: undefined };
  }
  return undefined;
}

export interface AddressingOptions {
  /** Extra host names that are the emulator itself (path-style), e.g. a Docker service name. */
  endpointHosts: ReadonlySet<string>;
  /** The bucket a custom domain is bound to, for CNAME-style requests. */
  boundBucket(domain: string): string | undefined;
}

function pathStyle(path: string, hostRegion: string | undefined): Address {
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '') return { kind: 'service', hostRegion };
  const slash = trimmed.indexOf('/');
  const bucket = safeDecode(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const key = slash === -1 ? '' : safeDecode(trimmed.slice(slash + 1));
  return { kind: 'bucket', bucket, key, style: 'path', hostRegion };
}

export function resolveAddress(hostname: string, path: string, opts: AddressingOptions): Address {
  const key = safeDecode(path.replace(/^\/+/, ''));
  const bound = hostname === '' ? undefined : opts.boundBucket(hostname);
  if (bound !== undefined)
    return { kind: 'bucket', bucket: bound, key, style: 'cname', hostRegion: undefined };

  const endpoint = endpointInfo(hostname, opts.endpointHosts);
  if (endpoint) return pathStyle(path, endpoint.region);

  const dot = hostname.indexOf('.');
  const first = hostname.slice(0, dot);
  const rest = hostname.slice(dot + 1);
  if (!BUCKET_LABEL.test(first)) return pathStyle(path, undefined);
  const restInfo = endpointInfo(rest, opts.endpointHosts);
  return { kind: 'bucket', bucket: first, key, style: 'virtual', hostRegion: restInfo?.region };
}
