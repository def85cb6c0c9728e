// Where the pre-flight sends its recursive queries: DNS_RESOLVERS when set, else the resolvers Node
// uses itself. Both are lists like "1.1.1.1, 8.8.8.8:53, [2606:4700::1111]:53".

import { getServers } from 'node:dns';
import { isIP } from 'node:net';
import type { DnsServerAddress } from '../types.ts';
import { DnsValidationError } from '../validation-error.ts';

const DEFAULT_PORT = 53;

/** Parses one "host", "host:port", "ipv6" or "[ipv6]:port" entry; hosts must be IP addresses. */
export function parseResolver(entry: string): DnsServerAddress {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hostPort = /^([^:]+):(\d+)$/.exec(text);
  const [host, port] = bracketed
    ? [bracketed[1] ?? '', bracketed[2]]
    : hostPort
      ? [hostPort[1] ?? '', hostPort[2]]
      : [text, undefined];
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port);
  if (isIP(host) === 0 || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65_535) {
    throw new DnsValidationError(
      'DNS_INVALID_NAME',
      'resolvers',
      `"${entry}" is not an IP address with an optional port`,
    );
  }
  return { host, port: portNumber };
}

/** Parses a comma- or space-separated resolver list. */
export function parseResolverList(list: string): DnsServerAddress[] {
  return list
    .split(/[\s,]+/)
    .filter((entry) => entry.length > 0)
    .map(parseResolver);
}

/** The resolvers node:dns is configured with (from /etc/resolv.conf on Linux). */
export function systemResolvers(): DnsServerAddress[] {
  // Link-local entries carry a zone index ("fe80::1%eth0") that a socket address cannot use; skip them.
  return getServers().flatMap((entry) => {
    try {
      return [parseResolver(entry)];
    } catch {
      return [];
    }
  });
}
