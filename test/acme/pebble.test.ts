import { describe, expect, it } from 'vitest';
import { httpsGet } from '../../src/acme/pebble/https-get.ts';
import { findPebble, startPebble } from '../../src/acme/pebble/index.ts';
import { startDnsServer } from '../../src/emulator/dns/server.ts';

describe('the Pebble harness', () => {
  it('finds pebble on the PATH, and says so when it is not there', () => {
    expect(findPebble()).toMatch(/\/pebble$/);
    expect(findPebble('/nonexistent')).toBeUndefined();
  });

  it('serves a directory on 127.0.0.1 with its own CA, and is gone after close', async () => {
    const dns = await startDnsServer();
    try {
      const pebble = await startPebble({ dnsServer: dns.address });
      expect(pebble.directoryUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/dir$/);
      const dir = JSON.parse((await httpsGet(pebble.directoryUrl, pebble.tlsCaPem)).body) as Record<
        string,
        string
      >;
      expect(dir.newOrder).toContain(new URL(pebble.directoryUrl).host);
      expect(pebble.rootPem).toContain('BEGIN CERTIFICATE');
      await pebble.close();
      await expect(httpsGet(pebble.directoryUrl, pebble.tlsCaPem)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await dns.close();
    }
  });

  it('fails clearly when the binary is missing', async () => {
    await expect(
      startPebble({ dnsServer: { host: '127.0.0.1', port: 53 }, binary: '/nonexistent/pebble' }),
    ).rejects.toThrow(/pebble is not installed/);
  });
});
