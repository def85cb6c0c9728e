// Name-server addresses the pre-flight may query directly on port 53 (issue 19, F5).
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/dns/preflight/public-address.ts';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, shared and metadata addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:ffff:a00:1',
      'ns1.example.com',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('accepts public name-server addresses', () => {
    for (const address of ['8.8.8.8', '203.0.113.53', '2001:4860:4860::8888']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
