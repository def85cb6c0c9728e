import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { encode } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import { ask, rcode, type Transport } from './helpers.ts';

let dns: DnsServer;

beforeAll(async () => {
  dns = await startDnsServer({ negativeTtl: 120 });
  const { store } = dns;
  store.set('www.example.com', { type: 'A', values: ['192.0.2.10', '192.0.2.11'], ttl: 300 });
  store.set('www.example.com', { type: 'AAAA', values: ['2001:db8::10'], ttl: 300 });
  store.set('example.com', { type: 'NS', values: ['ns1.example.com', 'ns2.example.com'], ttl: 3600 });
  store.set('_dnsauth.img.example.com', {
    type: 'TXT',
    values: ['0123456789abcdef0123456789abcdef'],
    ttl: 60,
  });
  store.set('img.example.com', {
    type: 'CNAME',
    values: ['examplebucket.oss-cn-hangzhou.aliyuncs.com'],
    ttl: 600,
  });
  store.set('alias.example.com', { type: 'CNAME', values: ['www.example.com'], ttl: 100 });
  store.set('loop-a.example.com', { type: 'CNAME', values: ['loop-b.example.com'], ttl: 10 });
  store.set('loop-b.example.com', { type: 'CNAME', values: ['loop-a.example.com'], ttl: 10 });
  store.set('long.example.com', { type: 'TXT', values: ['L'.repeat(300)], ttl: 60 });
  store.set('sub.example.org', { type: 'NS', values: ['ns.sub.example.org'], ttl: 3600 });
  store.set('deep.sub.example.org', { type: 'A', values: ['192.0.2.20'], ttl: 60 });
  store.set('shop.example.com.cn', { type: 'A', values: ['192.0.2.30'], ttl: 60 });
});

afterAll(() => dns.close());

describe.each<Transport>(['udp', 'tcp'])('authoritative answers over %s', (transport) => {
  it.each([
    ['A', 'www.example.com', ['192.0.2.10', '192.0.2.11'], 300],
    ['AAAA', 'www.example.com', ['2001:db8::10'], 300],
    ['NS', 'example.com', ['ns1.example.com', 'ns2.example.com'], 3600],
    ['CNAME', 'img.example.com', ['examplebucket.oss-cn-hangzhou.aliyuncs.com'], 600],
  ])('answers %s with the AA bit and the stored TTL', async (type, name, values, ttl) => {
    const reply = await ask(dns.address, transport, name, type);
    expect(reply.flag_aa).toBe(true);
    expect(reply.flag_qr).toBe(true);
    expect(reply.flag_rd).toBe(true);
    expect(rcode(reply)).toBe('NOERROR');
    expect(reply.answers?.map((a) => ('data' in a ? a.data : undefined))).toEqual(values);
    expect(
      reply.answers?.every((a) => a.type === type && a.name === name && 'ttl' in a && a.ttl === ttl),
    ).toBe(true);
  });

  it('answers TXT as character-strings', async () => {
    const reply = await ask(dns.address, transport, '_dnsauth.img.example.com', 'TXT');
    const answer = reply.answers?.[0];
    expect(answer?.type).toBe('TXT');
    expect(answer && 'data' in answer ? answer.data : undefined).toEqual([
      Buffer.from('0123456789abcdef0123456789abcdef'),
    ]);
  });

  it('splits a TXT value over 255 bytes into several character-strings', async () => {
    const reply = await ask(dns.address, transport, 'long.example.com', 'TXT');
    const answer = reply.answers?.[0];
    const parts = answer && 'data' in answer ? (answer.data as Buffer[]) : [];
    expect(parts.map((part) => part.length)).toEqual([255, 45]);
    expect(Buffer.concat(parts).toString()).toBe('L'.repeat(300));
  });

  it('answers the CNAME for any type at the name, leaving out-of-store targets to the resolver', async () => {
    for (const type of ['A', 'TXT', 'MX']) {
      const reply = await ask(dns.address, transport, 'img.example.com', type);
      expect(rcode(reply)).toBe('NOERROR');
      expect(reply.answers).toMatchObject([
        { name: 'img.example.com', type: 'CNAME', data: 'examplebucket.oss-cn-hangzhou.aliyuncs.com' },
      ]);
    }
  });

  it('follows a CNAME to a target the store holds', async () => {
    const reply = await ask(dns.address, transport, 'alias.example.com', 'A');
    expect(reply.answers).toMatchObject([
      { name: 'alias.example.com', type: 'CNAME', ttl: 100, data: 'www.example.com' },
      { name: 'www.example.com', type: 'A', data: '192.0.2.10' },
      { name: 'www.example.com', type: 'A', data: '192.0.2.11' },
    ]);
  });

  it('stops a CNAME loop instead of chasing it forever', async () => {
    const reply = await ask(dns.address, transport, 'loop-a.example.com', 'A');
    expect(rcode(reply)).toBe('NOERROR');
    expect(reply.answers?.map((a) => a.name)).toEqual(['loop-a.example.com', 'loop-b.example.com']);
  });

  it('answers NXDOMAIN with the zone SOA carrying the negative TTL', async () => {
    const reply = await ask(dns.address, transport, 'missing.example.com', 'TXT');
    expect(rcode(reply)).toBe('NXDOMAIN');
    expect(reply.answers).toEqual([]);
    expect(reply.authorities).toMatchObject([
      {
        name: 'example.com',
        type: 'SOA',
        ttl: 120,
        data: { mname: 'ns1.example.com', rname: 'hostmaster.example.com', minimum: 120 },
      },
    ]);
  });

  it('answers NODATA (NOERROR, no answers, SOA) for a name that exists without that type', async () => {
    const reply = await ask(dns.address, transport, 'www.example.com', 'TXT');
    expect(rcode(reply)).toBe('NOERROR');
    expect(reply.answers).toEqual([]);
    expect(reply.authorities?.[0]).toMatchObject({ name: 'example.com', type: 'SOA' });
  });

  it('treats an empty non-terminal and the zone apex as existing names', async () => {
    for (const name of ['img.example.com.cn', 'example.org']) {
      const reply = await ask(dns.address, transport, name, 'A');
      expect(rcode(reply)).toBe(name === 'example.org' ? 'NOERROR' : 'NXDOMAIN');
    }
    const nonTerminal = await ask(dns.address, transport, 'img.example.com', 'NS');
    expect(rcode(nonTerminal)).toBe('NOERROR');
  });

  it('answers NOERROR/NODATA for types it does not store', async () => {
    const reply = await ask(dns.address, transport, 'www.example.com', 'MX');
    expect(rcode(reply)).toBe('NOERROR');
    expect(reply.answers).toEqual([]);
    expect(reply.authorities?.[0]?.type).toBe('SOA');
  });

  it('matches names case-insensitively and echoes the query spelling', async () => {
    const reply = await ask(dns.address, transport, 'WwW.ExAmPlE.CoM', 'A');
    expect(reply.answers).toHaveLength(2);
    expect(reply.answers?.[0]?.name).toBe('WwW.ExAmPlE.CoM');
    expect(reply.questions?.[0]?.name).toBe('WwW.ExAmPlE.CoM');
  });
});

describe('zone apex synthesis', () => {
  it('uses the nearest enclosing name with NS records as the zone', async () => {
    const reply = await ask(dns.address, 'udp', 'nothing.deep.sub.example.org', 'A');
    expect(reply.authorities?.[0]).toMatchObject({
      name: 'sub.example.org',
      data: { mname: 'ns.sub.example.org' },
    });
  });

  it('falls back to the registrable-looking parent, country-code second levels included', async () => {
    const cn = await ask(dns.address, 'udp', 'x.shop.example.com.cn', 'A');
    expect(cn.authorities?.[0]?.name).toBe('example.com.cn');
    const plain = await ask(dns.address, 'udp', 'a.b.example.net', 'A');
    expect(plain.authorities?.[0]).toMatchObject({ name: 'example.net', data: { mname: 'ns1.example.net' } });
  });

  it('answers SOA queries at the apex with a serial that follows store changes', async () => {
    const before = await ask(dns.address, 'udp', 'example.com', 'SOA');
    const serialOf = (reply: typeof before) => {
      const soa = reply.answers?.[0];
      return soa?.type === 'SOA' ? soa.data.serial : undefined;
    };
    dns.store.set('serial-bump.example.com', { type: 'A', values: ['192.0.2.99'], ttl: 1 });
    const after = await ask(dns.address, 'udp', 'example.com', 'SOA');
    expect(before.answers?.[0]).toMatchObject({ name: 'example.com', type: 'SOA', ttl: 120 });
    expect(serialOf(after)).toBe((serialOf(before) ?? 0) + 1);
  });

  it('puts the SOA in the authority section when asked for SOA below the apex', async () => {
    const reply = await ask(dns.address, 'udp', 'www.example.com', 'SOA');
    expect(reply.answers).toEqual([]);
    expect(reply.authorities?.[0]).toMatchObject({ name: 'example.com', type: 'SOA' });
  });
});

describe('truncation', () => {
  beforeAll(() => {
    const values = Array.from({ length: 12 }, (_, i) => `verification-value-${i}-${'v'.repeat(30)}`);
    dns.store.set('many.example.com', { type: 'TXT', values, ttl: 60 });
  });

  it('sets TC and drops the records when a UDP answer exceeds 512 bytes', async () => {
    const reply = await ask(dns.address, 'udp', 'many.example.com', 'TXT');
    expect(reply.flag_tc).toBe(true);
    expect(reply.answers).toEqual([]);
    expect(reply.questions?.[0]?.name).toBe('many.example.com');
  });

  it('sends the whole answer over TCP', async () => {
    const reply = await ask(dns.address, 'tcp', 'many.example.com', 'TXT');
    expect(reply.flag_tc).toBe(false);
    expect(reply.answers).toHaveLength(12);
  });

  it('honours a larger EDNS payload size and echoes an OPT record', async () => {
    const opt = {
      name: '.',
      type: 'OPT' as const,
      udpPayloadSize: 4096,
      extendedRcode: 0,
      ednsVersion: 0,
      flags: 0,
      flag_do: false,
      options: [],
    };
    const reply = await ask(dns.address, 'udp', 'many.example.com', 'TXT', { additionals: [opt] });
    expect(reply.flag_tc).toBe(false);
    expect(reply.answers).toHaveLength(12);
    expect(reply.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: 1232 }]);
  });

  it('answers an unknown EDNS version with BADVERS', async () => {
    const opt = {
      name: '.',
      type: 'OPT' as const,
      udpPayloadSize: 1232,
      extendedRcode: 0,
      ednsVersion: 1,
      flags: 0,
      flag_do: false,
      options: [],
    };
    const reply = await ask(dns.address, 'udp', 'www.example.com', 'A', { additionals: [opt] });
    expect(reply.answers).toEqual([]);
    expect(reply.additionals).toMatchObject([{ type: 'OPT', extendedRcode: 1 }]);
  });
});

describe('lifecycle', () => {
  it('binds UDP and TCP on the same port and releases both on close', async () => {
    const server = await startDnsServer();
    const { port } = server.address;
    expect((await ask(server.address, 'udp', 'x.example.com', 'A')).flag_aa).toBe(true);
    expect((await ask(server.address, 'tcp', 'x.example.com', 'A')).flag_aa).toBe(true);
    await server.close();
    await server.close();
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
    const tcp = createServer();
    await new Promise<void>((resolve) => tcp.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => udp.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  });

  it('closes while a TCP client keeps its connection open', async () => {
    const server = await startDnsServer();
    const { connect } = await import('node:net');
    const client = connect(server.address.port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    const closed = new Promise((resolve) => client.once('close', resolve));
    await server.close();
    await closed;
  });

  it('fails to start on an explicit port that is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await expect(startDnsServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  it('serves a store handed in by the caller', async () => {
    const server = await startDnsServer({ store: dns.store });
    const reply = await ask(server.address, 'udp', 'www.example.com', 'A');
    expect(reply.answers).toHaveLength(2);
    await server.close();
  });
});

describe('messages as encoded by clients', () => {
  it('reads a query whose class is ANY', async () => {
    const packet = encode({
      id: 7,
      type: 'query',
      questions: [{ name: 'www.example.com', type: 'A', class: 'ANY' }],
    });
    const { exchangeRaw } = await import('./helpers.ts');
    const reply = await exchangeRaw(dns.address, 'udp', packet);
    expect(reply.answers).toHaveLength(2);
  });
});
