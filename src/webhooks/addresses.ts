// Addresses a webhook may never reach unless private networks are allowed: loopback, private,
// link-local, shared (CGNAT, where Alibaba Cloud's metadata service 100.100.100.200 lives), cloud
// metadata, documentation, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped included).
import { isIP } from 'node:net';
import {
  blockListOf,
  DOCUMENTATION_IPV4,
  DOCUMENTATION_IPV6,
  SPECIAL_IPV4,
  SPECIAL_IPV6,
} from '../net/special-ranges.ts';

const forbidden = blockListOf(
  [...SPECIAL_IPV4, ...DOCUMENTATION_IPV4],
  // 100::/64 is discard-only.
  [...SPECIAL_IPV6, ['100::', 64], ...DOCUMENTATION_IPV6],
);

/** `[::1]` → `::1`; `::ffff:10.0.0.1` → `10.0.0.1`. */
function plain(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

/** True for an IP address a webhook must not reach; false for public addresses and non-addresses. */
export function isForbiddenAddress(address: string): boolean {
  const ip = plain(address);
  const family = isIP(ip);
  if (family === 0) return false;
  return forbidden.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export function isIpLiteral(host: string): boolean {
  return isIP(plain(host)) !== 0;
}
