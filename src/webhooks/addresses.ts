// Addresses a webhook may never reach unless private networks are allowed: loopback, private,
// link-local, shared (CGNAT, where Alibaba Cloud's metadata service 100.100.100.200 lives), cloud
// metadata, documentation, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped included).
import { BlockList, isIP } from 'node:net';

const IPV4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;

const IPV6 = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const;

const forbidden = new BlockList();
for (const [net, prefix] of IPV4) forbidden.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of IPV6) forbidden.addSubnet(net, prefix, 'ipv6');

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
