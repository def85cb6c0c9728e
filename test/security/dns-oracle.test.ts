// Issue 19, F5: the pre-flight's answers say only that a server gave no answer; whether it timed out or
// refused (which would map the ports a caller's zone points at) is on the request's log line alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SilentServer, silentUdpServer } from '../dns/helpers.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('admin');
let t: TestApp;
let silent: SilentServer;
let closedPort: number;

beforeAll(async () => {
  silent = await silentUdpServer();
  const closed = await silentUdpServer();
  closedPort = closed.address.port;
  await closed.close();
  t = await startApp({
    keys: [key],
    env: {
      DNS_RESOLVERS: `127.0.0.1:${silent.address.port},127.0.0.1:${closedPort}`,
      DNS_TIMEOUT_MS: '50',
    },
  });
});
afterAll(async () => {
  await t.app.close();
  await silent.close();
});

describe('pre-flight answers about unreachable DNS servers', () => {
  it('word a silent and a refusing server alike, and log why each failed', async () => {
    const res = await t.app.inject({
      url: '/buckets/web-site/cnames/img.example.com/checks',
      headers: { 'x-api-key': key.key, 'x-request-id': 'dns-oracle-1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().checks.find((c: { id: string }) => c.id === 'cname-target').status).toBe('pending');
    expect(res.body).toContain(`127.0.0.1:${silent.address.port} (no answer)`);
    expect(res.body).toContain(`127.0.0.1:${closedPort} (no answer)`);
    expect(res.body).not.toMatch(/DNS_(TIMEOUT|UNREACHABLE|BAD_RESPONSE|ABORTED)|SERVFAIL|REFUSED/);

    const line = t.logs.forRequest('dns-oracle-1')[0] ?? {};
    const codes = (line.dns as Array<{ server: string; code: string }>).map((f) => `${f.server} ${f.code}`);
    expect(codes).toContain(`127.0.0.1:${silent.address.port} DNS_TIMEOUT`);
    expect(codes).toContain(`127.0.0.1:${closedPort} DNS_UNREACHABLE`);
  });
});
