import { describe, expect, it } from 'vitest';
import { parseResolver, parseResolverList } from '../../src/dns/preflight/system-resolvers.ts';

describe('resolver lists', () => {
  it('parses addresses with and without ports, IPv6 in brackets', () => {
    expect(parseResolverList('1.1.1.1, 8.8.8.8:5353 [2606:4700::1111]:53 2001:db8::53')).toEqual([
      { host: '1.1.1.1', port: 53 },
      { host: '8.8.8.8', port: 5353 },
      { host: '2606:4700::1111', port: 53 },
      { host: '2001:db8::53', port: 53 },
    ]);
  });

  it.each(['dns.google', '1.1.1.1:0', '1.1.1.1:70000', '[::1]:x', ''])('rejects %j', (entry) => {
    expect(() => parseResolver(entry)).toThrow(/not an IP address/);
  });
});
