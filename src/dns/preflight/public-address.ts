// Addresses a zone's NS records may name but the service must not query directly: loopback, private,
// link-local, shared (100.64/10 holds Alibaba Cloud's metadata service 100.100.100.200) and other special
// ranges. Otherwise whoever controls an in-scope zone could aim the pre-flight at the internal network
// (issue 19, F5).
import { isIPv4, isIPv6 } from 'node:net';
import { blockListOf, SPECIAL_IPV4, SPECIAL_IPV6 } from '../../net/special-ranges.ts';

const blocked = blockListOf(SPECIAL_IPV4, []);
// Apart: BlockList matches IPv4 against an IPv4-mapped IPv6 rule, so ::ffff:0:0/96 would block every IPv4.
const blocked6 = blockListOf([], [...SPECIAL_IPV6, ['::ffff:0:0', 96]]);

/** True for an IP address outside every special range; false for anything else, names included. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !blocked.check(address, 'ipv4');
  if (isIPv6(address)) return !blocked6.check(address, 'ipv6');
  return false;
}
