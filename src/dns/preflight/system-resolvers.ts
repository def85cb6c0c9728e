// Where the pre-flight sends its recursive queries: DNS_RESOLVERS when set (parsed by src/config),
// else the resolvers Node uses itself, which getServers() lists as "1.1.1.1", "8.8.8.8:5353" or
// "[2606:4700::1111]:53".

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

/** The resolvers node:dns is configured with (from /etc/resolv.conf on Linux). */
export function systemResolvers(): DnsServerAddress[] {
  // getServers() only lists addresses; an entry that still fails to parse is skipped, not fatal.
  return getServers().flatMap((entry) => {
    try {
      return [parseResolver(entry)];
    } catch {
      return [];
    }
  });
}

/** The configured resolvers, or the system's when none are configured (DNS_RESOLVERS unset = []). */
export function effectiveResolvers(configured: DnsServerAddress[] | undefined): DnsServerAddress[] {
  return configured !== undefined && configured.length > 0 ? configured : systemResolvers();
}
