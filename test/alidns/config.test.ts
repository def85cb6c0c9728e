// ALIDNS_ENDPOINT and the client the service builds from its configuration: the endpoint setting wins,
// emulator mode talks to the embedded emulator, and the OSS credentials sign by default.

import { describe, expect, it } from 'vitest';
import { alidnsEndpoint, createAlidnsClient } from '../../src/alidns/index.ts';
import { loadConfig } from '../../src/config.ts';
import { alidnsClient, startAlidnsEmulator, ZONE } from './helpers.ts';

function configOf(env: Record<string, string>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

describe('ALIDNS_ENDPOINT', () => {
  it('defaults to alidns.aliyuncs.com, or the emulator in emulator mode', () => {
    const remote = configOf({
      OSS_ACCESS_KEY_ID: 'id',
      OSS_ACCESS_KEY_SECRET: 'secret',
      API_KEYS_FILE: '/k',
    });
    expect(remote.ALIDNS_ENDPOINT).toBeUndefined();
    expect(alidnsEndpoint(remote, 'http://127.0.0.1:9000')).toBe('alidns.aliyuncs.com');
    expect(createAlidnsClient(remote).origin).toBe('https://alidns.aliyuncs.com');
    const emulated = configOf({});
    expect(alidnsEndpoint(emulated, 'http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
  });

  it('takes a host or an origin, and refuses a path', () => {
    const config = configOf({ ALIDNS_ENDPOINT: 'alidns.cn-hangzhou.aliyuncs.com' });
    expect(
      createAlidnsClient(config, { credentials: { accessKeyId: 'a', accessKeySecret: 'b' } }).origin,
    ).toBe('https://alidns.cn-hangzhou.aliyuncs.com');
    const result = loadConfig({ ALIDNS_ENDPOINT: 'https://alidns.aliyuncs.com/path' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^ALIDNS_ENDPOINT: must be a host or an http\(s\) URL/);
  });

  it("signs with the service's OSS credentials by default", async () => {
    const emulator = await startAlidnsEmulator();
    const { accessKeyId, accessKeySecret } = emulator.credentials;
    const config = configOf({
      OSS_ACCESS_KEY_ID: accessKeyId,
      OSS_ACCESS_KEY_SECRET: accessKeySecret,
      API_KEYS_FILE: '/k',
      ALIDNS_ENDPOINT: emulator.url,
    });
    const client = createAlidnsClient(config);
    try {
      const id = await client.addDomainRecord({ domainName: ZONE, rr: 'cfg', type: 'TXT', value: 'v' });
      const seen = alidnsClient(emulator);
      expect((await seen.describeDomainRecords({ domainName: ZONE })).records.map((r) => r.recordId)).toEqual(
        [id],
      );
      await seen.close();
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
