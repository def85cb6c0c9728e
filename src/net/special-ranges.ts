// Special-purpose address ranges no public host lives in. The outbound paths that take an address from
// someone else (the pre-flight's name servers, webhook targets) refuse them, so whoever controls a zone or
// a subscription cannot aim the service at its own network or at the cloud's metadata service.
import { BlockList } from 'node:net';

export type Subnet = readonly [network: string, prefix: number];

export const SPECIAL_IPV4: readonly Subnet[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  // Shared address space; Alibaba Cloud's metadata service 100.100.100.200 lives here.
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  // Multicast and reserved (224/4 and 240/4).
  ['224.0.0.0', 3],
];

export const SPECIAL_IPV6: readonly Subnet[] = [
  // Unspecified and loopback.
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];

/** RFC 5737 and RFC 3849: reserved for examples, never routed. */
export const DOCUMENTATION_IPV4: readonly Subnet[] = [
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
];
export const DOCUMENTATION_IPV6: readonly Subnet[] = [['2001:db8::', 32]];

export function blockListOf(ipv4: readonly Subnet[], ipv6: readonly Subnet[]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of ipv4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of ipv6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}
