import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { decode, encode } from 'dns-packet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DnsQueryError, queryDns } from '../../src/dns/query.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import { type SilentServer, silentUdpServer } from './helpers.ts';

let dns: DnsServer;
const opts = () => ({ server: dns.address, timeoutMs: 1000 });

beforeAll(async () => {
  dns = await startDnsServer({ negativeTtl: 90 });
  dns.store.set('_dnsauth.img.example.com', {
    type: 'TXT',
    values: ['t'.repeat(40), 'u'.repeat(300)],
    ttl: 60,
  });
  dns.store.set('img.example.com', {
    type: 'CNAME',
    values: ['examplebucket.oss-cn-hangzhou.aliyuncs.com'],
    ttl: 600,
  });
  dns.store.set('www.example.com', { type: 'A', values: ['192.0.2.1'], ttl: 30 });
  dns.store.set('www.example.com', { type: 'AAAA', values: ['2001:db8::1'], ttl: 30 });
  dns.store.set('example.com', { type: 'NS', values: ['ns1.example.com'], ttl: 3600 });
  const many = Array.from({ length: 40 }, (_, i) => `token-${i}-${'z'.repeat(40)}`);
  dns.store.set('many.example.com', { type: 'TXT', values: many, ttl: 60 });
});

afterAll(() => dns.close());

describe('queryDns against the emulator server', () => {
  it('returns TXT records joined per record, with TTLs, over UDP', async () => {
    const result = await queryDns('_dnsauth.IMG.example.com.', 'TXT', opts());
    expect(result).toEqual({
      rcode: 'NOERROR',
      authoritative: true,
      answers: [
        { name: '_dnsauth.img.example.com', type: 'TXT', ttl: 60, data: 't'.repeat(40) },
        { name: '_dnsauth.img.example.com', type: 'TXT', ttl: 60, data: 'u'.repeat(300) },
      ],
      authorities: [],
      transport: 'udp',
    });
  });

  it('returns A, AAAA, NS and CNAME data as text', async () => {
    expect((await queryDns('www.example.com', 'A', opts())).answers[0]?.data).toBe('192.0.2.1');
    expect((await queryDns('www.example.com', 'AAAA', opts())).answers[0]?.data).toBe('2001:db8::1');
    expect((await queryDns('example.com', 'NS', opts())).answers[0]?.data).toBe('ns1.example.com');
    expect((await queryDns('img.example.com', 'CNAME', opts())).answers).toEqual([
      {
        name: 'img.example.com',
        type: 'CNAME',
        ttl: 600,
        data: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      },
    ]);
  });

  it('returns negative answers with the SOA in the authorities', async () => {
    const result = await queryDns('nothing.example.com', 'TXT', opts());
    expect(result.rcode).toBe('NXDOMAIN');
    expect(result.answers).toEqual([]);
    expect(result.authorities).toEqual([
      {
        name: 'example.com',
        type: 'SOA',
        ttl: 90,
        data: expect.stringMatching(/^ns1\.example\.com hostmaster\.example\.com \d+ 3600 600 604800 90$/),
      },
    ]);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const result = await queryDns('many.example.com', 'TXT', opts());
    expect(result.transport).toBe('tcp');
    expect(result.answers).toHaveLength(40);
    expect(result.answers[39]?.data).toBe(`token-39-${'z'.repeat(40)}`);
  });

  it('rejects names it cannot ask for', async () => {
    await expect(queryDns('bad name.example.com', 'A', opts())).rejects.toMatchObject({
      code: 'DNS_INVALID_NAME',
    });
  });
});

describe('queryDns failures', () => {
  let silent: SilentServer | undefined;
  afterEach(async () => {
    await silent?.close();
    silent = undefined;
  });

  it('times out after one retry against a server that never answers', async () => {
    silent = await silentUdpServer();
    const error = await queryDns('www.example.com', 'A', { server: silent.address, timeoutMs: 40 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DnsQueryError);
    expect(error.code).toBe('DNS_TIMEOUT');
    expect(silent.received).toHaveLength(2);
    expect(decode(silent.received[0] as Buffer).questions?.[0]).toMatchObject({
      name: 'www.example.com',
      type: 'A',
    });
  });

  it('makes as many UDP attempts as asked', async () => {
    silent = await silentUdpServer();
    await expect(
      queryDns('www.example.com', 'A', { server: silent.address, timeoutMs: 20, udpAttempts: 3 }),
    ).rejects.toMatchObject({
      code: 'DNS_TIMEOUT',
    });
    expect(silent.received).toHaveLength(3);
  });

  it('reports an unreachable server (closed UDP port) without waiting for the timeout', async () => {
    silent = await silentUdpServer();
    const { address } = silent;
    await silent.close();
    silent = undefined;
    await expect(
      queryDns('www.example.com', 'A', { server: address, timeoutMs: 5000 }),
    ).rejects.toMatchObject({
      code: 'DNS_UNREACHABLE',
    });
  });

  it('ignores answers with the wrong id or question and takes the matching one', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.on('message', (message, peer) => {
      const query = decode(message);
      const reply = (id: number, name: string, data: string) =>
        encode({
          id,
          type: 'response',
          flags: 1 << 10,
          questions: [{ name, type: 'A' }],
          answers: [{ name, type: 'A', ttl: 5, data }],
        });
      const id = query.id ?? 0;
      socket.send(reply((id + 1) % 0x10000, 'www.example.com', '203.0.113.66'), peer.port, peer.address);
      socket.send(reply(id, 'evil.example.com', '203.0.113.67'), peer.port, peer.address);
      socket.send(reply(id, 'www.example.com', '192.0.2.55'), peer.port, peer.address);
    });
    const result = await queryDns('www.example.com', 'A', {
      server: { host: '127.0.0.1', port: socket.address().port },
      timeoutMs: 1000,
    });
    socket.close();
    expect(result.answers.map((a) => a.data)).toEqual(['192.0.2.55']);
  });

  it('fails with DNS_BAD_RESPONSE when the answer with our id does not decode', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.on('message', (message, peer) => {
      const broken = Buffer.concat([
        message.subarray(0, 2),
        Buffer.from([0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0, 50]),
      ]);
      socket.send(broken, peer.port, peer.address);
    });
    const failure = queryDns('www.example.com', 'A', {
      server: { host: '127.0.0.1', port: socket.address().port },
      timeoutMs: 1000,
    });
    await expect(failure).rejects.toMatchObject({ code: 'DNS_BAD_RESPONSE' });
    socket.close();
  });

  it('uses random query ids', async () => {
    const server = await silentUdpServer();
    silent = server;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        queryDns('www.example.com', 'A', { server: server.address, timeoutMs: 20, udpAttempts: 1 }).catch(
          () => undefined,
        ),
      ),
    );
    const ids = new Set(server.received.map((message) => message.readUInt16BE(0)));
    expect(ids.size).toBeGreaterThan(1);
  });
});

describe('an abandoned lookup', () => {
  // Without unref'd sockets and timers the child would wait out the 60 s timeout, past this test's limit.
  it('does not keep a process alive until its timeout', async () => {
    const silent = await silentUdpServer();
    try {
      const server = JSON.stringify(silent.address);
      const script = `import('./src/dns/query.ts').then((m) => m.queryDns('x.example.com', 'TXT', { server: ${server}, timeoutMs: 60000 }).catch(() => {}));`;
      const child = spawn(process.execPath, ['-e', script], { cwd: new URL('../../', import.meta.url) });
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      await silent.close();
    }
  }, 20_000);
});
