import { getServers } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  effectiveResolvers,
  parseResolver,
  systemResolvers,
} from '../../src/dns/preflight/system-resolvers.ts';

describe('resolver addresses', () => {
  it.each([
    ['1.1.1.1', { host: '1.1.1.1', port: 53 }],
    ['8.8.8.8:5353', { host: '8.8.8.8', port: 5353 }],
    ['[2606:4700::1111]:53', { host: '2606:4700::1111', port: 53 }],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }],
  ])('parses %s as getServers() prints it', (entry, expected) => {
    expect(parseResolver(entry)).toEqual(expected);
  });

  it.each(['dns.google', '1.1.1.1:0', '1.1.1.1:70000', '[::1]:x', ''])('rejects %j', (entry) => {
    expect(() => parseResolver(entry)).toThrow(/not an IP address/);
  });

  it('reads every node:dns server', () => {
    expect(systemResolvers()).toHaveLength(getServers().length);
  });

  it('uses the configured resolvers, or the system ones when none are configured', () => {
    const configured = [{ host: '192.0.2.53', port: 53 }];
    expect(effectiveResolvers(configured)).toBe(configured);
    expect(effectiveResolvers([])).toEqual(systemResolvers());
    expect(effectiveResolvers(undefined)).toEqual(systemResolvers());
  });
});
