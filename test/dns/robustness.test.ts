import { connect } from 'node:net';
import { decode, encode } from 'dns-packet';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame, TcpFrameReader } from '../../src/dns/tcp-frames.ts';
import { respond } from '../../src/emulator/dns/respond.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import { DnsZoneStore } from '../../src/emulator/dns/zone-store.ts';
import { ask, exchangeRaw, rcode } from './helpers.ts';

const settings = { negativeTtl: 60 };
let dns: DnsServer;

beforeAll(async () => {
  dns = await startDnsServer();
  dns.store.set('www.example.com', { type: 'A', values: ['192.0.2.10'], ttl: 60 });
});

afterAll(() => dns.close());

function header(id: number, flags: number, counts: [number, number, number, number]): Buffer {
  const buf = Buffer.alloc(12);
  buf.writeUInt16BE(id, 0);
  buf.writeUInt16BE(flags, 2);
  for (const [index, count] of counts.entries()) buf.writeUInt16BE(count, 4 + 2 * index);
  return buf;
}

describe('respond() on arbitrary bytes', () => {
  it('never throws; answers are decodable responses with the query id, or nothing', () => {
    const store = new DnsZoneStore();
    store.set('www.example.com', { type: 'A', values: ['192.0.2.10'], ttl: 60 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const message = Buffer.from(bytes);
        const reply = respond(store, message, 'udp', settings);
        if (reply === undefined) return;
        const packet = decode(reply);
        expect(packet.type).toBe('response');
        expect(packet.id).toBe(message.readUInt16BE(0));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops messages shorter than a header and messages that are responses', () => {
    const store = new DnsZoneStore();
    expect(respond(store, Buffer.from([1, 2, 3]), 'udp', settings)).toBeUndefined();
    const response = encode({ id: 9, type: 'response', questions: [{ name: 'a.example.com', type: 'A' }] });
    expect(respond(store, response, 'udp', settings)).toBeUndefined();
  });
});

describe('malformed queries on the wire', () => {
  it.each([
    ['a header announcing a question that is missing', header(0x1234, 0x0100, [1, 0, 0, 0])],
    [
      'a name with a forward compression pointer',
      Buffer.concat([header(0x2345, 0, [1, 0, 0, 0]), Buffer.from([0xc0, 0x20, 0, 1, 0, 1])]),
    ],
    [
      'a label running past the end',
      Buffer.concat([header(0x3456, 0, [1, 0, 0, 0]), Buffer.from([40, 0x61, 0x62])]),
    ],
  ])('answers FORMERR to %s and keeps serving', async (_label, message) => {
    const reply = await exchangeRaw(dns.address, 'udp', message);
    expect(reply.id).toBe(message.readUInt16BE(0));
    expect(rcode(reply)).toBe('FORMERR');
    expect((await ask(dns.address, 'udp', 'www.example.com', 'A')).answers).toHaveLength(1);
  });

  it('answers FORMERR to two questions in one query', async () => {
    const message = encode({
      id: 77,
      type: 'query',
      questions: [
        { name: 'www.example.com', type: 'A' },
        { name: 'www.example.com', type: 'AAAA' },
      ],
    });
    expect(rcode(await exchangeRaw(dns.address, 'udp', message))).toBe('FORMERR');
  });

  it('answers NOTIMP to opcodes other than QUERY', async () => {
    const message = encode({
      id: 78,
      type: 'query',
      flags: 2 << 11,
      questions: [{ name: 'www.example.com', type: 'A' }],
    });
    expect(rcode(await exchangeRaw(dns.address, 'udp', message))).toBe('NOTIMP');
  });

  it('refuses classes other than IN and names it can never hold', async () => {
    const chaos = encode({
      id: 79,
      type: 'query',
      questions: [{ name: 'version.bind', type: 'TXT', class: 'CH' }],
    });
    expect(rcode(await exchangeRaw(dns.address, 'udp', chaos))).toBe('REFUSED');
    const root = encode({ id: 80, type: 'query', questions: [{ name: '.', type: 'NS' }] });
    expect(rcode(await exchangeRaw(dns.address, 'udp', root))).toBe('REFUSED');
  });

  it('survives a burst of garbage datagrams and still answers', async () => {
    const { createSocket } = await import('node:dgram');
    const socket = createSocket('udp4');
    const garbage = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 300 }), { numRuns: 200, seed: 42 });
    await Promise.all(
      garbage.map(
        (bytes) =>
          new Promise((resolve) => socket.send(Buffer.from(bytes), dns.address.port, '127.0.0.1', resolve)),
      ),
    );
    socket.close();
    expect((await ask(dns.address, 'udp', 'www.example.com', 'A')).answers).toHaveLength(1);
  });

  it('answers garbage and split frames on one TCP connection, in order', async () => {
    const client = connect(dns.address.port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    const reader = new TcpFrameReader();
    const replies: Buffer[] = [];
    const gotThree = new Promise<void>((resolve) => {
      client.on('data', (chunk: Buffer) => {
        replies.push(...reader.push(chunk));
        if (replies.length === 3) resolve();
      });
    });
    const query = (id: number) =>
      frame(encode({ id, type: 'query', questions: [{ name: 'www.example.com', type: 'A' }] }));
    const bytes = Buffer.concat([query(1), frame(header(2, 0, [1, 0, 0, 0])), query(3)]);
    // One byte per write, so every frame arrives split across chunks.
    for (const byte of bytes) client.write(Buffer.from([byte]));
    await gotThree;
    client.destroy();
    const packets = replies.map((reply) => decode(reply));
    expect(packets.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(packets.map(rcode)).toEqual(['NOERROR', 'FORMERR', 'NOERROR']);
  });
});
