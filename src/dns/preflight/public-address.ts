// Addresses a zone's NS records may name but the service must not query directly: loopback, private,
// link-local, shared (100.64/10 holds Alibaba Cloud's metadata service 100.100.100.200) and other special
// ranges. Otherwise whoever controls an in-scope zone could aim the pre-flight at the internal network
// (issue 19, F5).
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const blocked = new BlockList();
// Apart: BlockList matches IPv4 against an IPv4-mapped IPv6 rule, so ::ffff:0:0/96 would block every IPv4.
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['::ffff:0:0', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked6.addSubnet(net, prefix, 'ipv6');
}

/** True for an IP address outside every special range; false for anything else, names included. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !blocked.check(address, 'ipv4');
  if (isIPv6(address)) return !blocked6.check(address, 'ipv6');
  return false;
}
